using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.ListExperiments;

internal sealed class ListExperimentsHandler(IMediator mediator, ICallerContext caller, IExperimentRepository experiments)
    : IQueryHandler<ListExperimentsQuery, IReadOnlyList<ExperimentDto>>
{
    public async Task<IReadOnlyList<ExperimentDto>> Handle(ListExperimentsQuery request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        return [.. (await experiments.ListByProjectAsync(project.Id, cancellationToken)).Select(ExperimentDto.From)];
    }
}
