using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.GetExposures;

internal sealed class GetExposuresHandler(IMediator mediator, ICallerContext caller, IExperimentRepository experiments, IExposuresRepository exposures)
    : IQueryHandler<GetExposuresQuery, ExposuresDto>
{
    public async Task<ExposuresDto> Handle(GetExposuresQuery request, CancellationToken cancellationToken)
    {
        var experiment = await experiments.GetManagedExperimentAsync(mediator, caller, request.ProjectId, request.ExperimentId, cancellationToken);
        var stored = await exposures.FindAsync(experiment.Id, cancellationToken);
        return stored is null
            ? new ExposuresDto(null, null, false, null)
            : new ExposuresDto(stored.AsOf, stored.LastErrorAt, stored.IsFinal(experiment.EndedAt), stored.Payload);
    }
}
