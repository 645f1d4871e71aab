using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Experimentation.Application.Experiments.ListExperiments;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.GetExposures;

namespace ModularAnalytics.Modules.Experimentation.Api.Dashboard;

internal sealed class ExperimentsModel(IMediator mediator, TimeProvider time) : PageModel
{
    public ProjectInfo Project { get; private set; } = null!;

    public IReadOnlyList<ExperimentRow> Experiments { get; private set; } = [];

    public IReadOnlyDictionary<int, string> EnvironmentNames { get; private set; } = new Dictionary<int, string>();

    public async Task OnGetAsync(int projectId, CancellationToken cancellationToken)
    {
        Experiments = await ExperimentList.LoadAsync(mediator, projectId, time.UtcNow(), cancellationToken);
        Project = (await mediator.Send(new GetProjectQuery(projectId), cancellationToken))!;
        EnvironmentNames = (await mediator.Send(new GetProjectEnvironmentsQuery(projectId), cancellationToken)).ToDictionary(e => e.Id, e => e.Name);
    }
}

internal static class ExperimentList
{
    /// <summary>The project's experiments with their exposures, through the same queries the API sends (scoped: 404 when foreign).</summary>
    public static async Task<IReadOnlyList<ExperimentRow>> LoadAsync(IMediator mediator, int projectId, DateTime now, CancellationToken cancellationToken)
    {
        var experiments = await mediator.Send(new ListExperimentsQuery(projectId), cancellationToken);
        var rows = new List<ExperimentRow>(experiments.Count);
        foreach (var experiment in experiments)
        {
            var exposures = await mediator.Send(new GetExposuresQuery(projectId, experiment.Id), cancellationToken);
            rows.Add(ExperimentRow.Of(experiment, exposures, now));
        }

        return rows;
    }
}
