using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.GetExperiment;

internal sealed class GetExperimentHandler(IMediator mediator, ICallerContext caller, IExperimentRepository experiments)
    : IQueryHandler<GetExperimentQuery, ExperimentDto>
{
    public async Task<ExperimentDto> Handle(GetExperimentQuery request, CancellationToken cancellationToken) =>
        ExperimentDto.From(await experiments.GetManagedExperimentAsync(mediator, caller, request.ProjectId, request.ExperimentId, cancellationToken));
}
