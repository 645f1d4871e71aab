using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Scheduling;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.PatchExperiment;

internal sealed class PatchExperimentHandler(
    IMediator mediator,
    ICallerContext caller,
    IExperimentRepository experiments,
    IExperimentationUnitOfWork unitOfWork,
    ICommandScheduler scheduler,
    ExperimentationOptions options,
    TimeProvider time) : ICommandHandler<PatchExperimentCommand, ExperimentDto>
{
    public async Task<ExperimentDto> Handle(PatchExperimentCommand request, CancellationToken cancellationToken)
    {
        var experiment = await experiments.GetManagedExperimentAsync(mediator, caller, request.ProjectId, request.ExperimentId, cancellationToken);
        var now = time.UtcNow();
        if (request.NameSet)
        {
            experiment.Rename(request.Name!, now);
        }

        var endChanged = request.EndedAtSet && experiment.SetEnd(request.EndedAt?.UtcDateTime, now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        if (endChanged)
        {
            // A new end changes the window the stored payload should cover (and whether it is final).
            await scheduler.EnqueueExposuresRefreshAsync(experiment.Id, options.RefreshDelay, cancellationToken);
        }

        return ExperimentDto.From(experiment);
    }
}
