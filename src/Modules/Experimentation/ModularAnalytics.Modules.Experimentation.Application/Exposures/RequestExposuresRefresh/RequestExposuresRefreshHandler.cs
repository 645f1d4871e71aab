using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.RequestExposuresRefresh;

internal sealed class RequestExposuresRefreshHandler(
    IMediator mediator,
    ICallerContext caller,
    IExperimentRepository experiments,
    ICommandScheduler scheduler,
    ExperimentationOptions options) : ICommandHandler<RequestExposuresRefreshCommand>
{
    public async Task<Unit> Handle(RequestExposuresRefreshCommand request, CancellationToken cancellationToken)
    {
        var experiment = await experiments.GetManagedExperimentAsync(mediator, caller, request.ProjectId, request.ExperimentId, cancellationToken);
        await scheduler.EnqueueExposuresRefreshAsync(experiment.Id, options.RefreshDelay, cancellationToken);
        return Unit.Value;
    }
}
