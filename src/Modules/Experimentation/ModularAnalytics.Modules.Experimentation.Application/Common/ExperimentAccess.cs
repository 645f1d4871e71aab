using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Application.Common;

internal static class ExperimentAccess
{
    /// <summary>The experiment of a project the caller may manage, or 404.</summary>
    public static async Task<Experiment> GetManagedExperimentAsync(
        this IExperimentRepository experiments, IMediator mediator, ICallerContext caller, int projectId, int experimentId, CancellationToken cancellationToken)
    {
        await mediator.GetManagedProjectAsync(caller, projectId, cancellationToken);
        var experiment = await experiments.FindAsync(experimentId, cancellationToken);
        return experiment is not null && experiment.ProjectId == projectId
            ? experiment
            : throw new NotFoundException("Experiment", experimentId);
    }
}
