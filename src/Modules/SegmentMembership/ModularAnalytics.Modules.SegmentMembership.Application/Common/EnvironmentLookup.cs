using MediatR;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Common;

internal static class EnvironmentLookup
{
    public static async Task<IReadOnlyList<EnvironmentRef>> GetEnvironmentsAsync(this IMediator mediator, int projectId, CancellationToken cancellationToken)
    {
        var environments = await mediator.Send(new GetProjectEnvironmentsQuery(projectId), cancellationToken);
        return [.. environments.Select(e => new EnvironmentRef(e.Id, e.Key, e.Name))];
    }
}
