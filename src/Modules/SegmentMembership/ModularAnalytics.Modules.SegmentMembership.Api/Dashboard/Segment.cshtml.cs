using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Members;
using ModularAnalytics.Modules.SegmentMembership.Application.Members.GetSegmentMembers;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.GetSegment;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Dashboard;

/// <summary>One segment: its rules, its counts per environment and the first page of members of one environment.</summary>
internal sealed class SegmentModel(IMediator mediator) : PageModel
{
    public const int MembersPageSize = 50;

    public string ProjectName { get; private set; } = string.Empty;

    public SegmentDto Segment { get; private set; } = null!;

    public IReadOnlyList<EnvironmentInfo> Environments { get; private set; } = [];

    public EnvironmentInfo? Environment { get; private set; }

    public SegmentMembersDto? Members { get; private set; }

    public string? MembersUnavailable { get; private set; }

    public async Task OnGetAsync(int projectId, int segmentId, int? environmentId, CancellationToken cancellationToken)
    {
        Segment = await mediator.Send(new GetSegmentQuery(projectId, segmentId), cancellationToken);
        ProjectName = (await mediator.Send(new GetProjectQuery(projectId), cancellationToken))?.Name ?? string.Empty;
        Environments = await mediator.Send(new GetProjectEnvironmentsQuery(projectId), cancellationToken);
        Environment = environmentId is { } id ? Environments.FirstOrDefault(e => e.Id == id) : Environments.FirstOrDefault();
        if (Environment is null)
        {
            if (environmentId is not null)
            {
                throw new NotFoundException("Environment", environmentId);
            }

            return;
        }

        try
        {
            Members = await mediator.Send(new GetSegmentMembersQuery(projectId, segmentId, Environment.Id, MembersPageSize, null), cancellationToken);
        }
        catch (ServiceUnavailableException unavailable)
        {
            MembersUnavailable = unavailable.Message;
        }
    }

    /// <summary>A default identity key starts with the environment's ingestion key, a credential the page must not show.</summary>
    public string DisplayKey(SegmentMemberDto member) =>
        Environment is { Key.Length: > 0 } environment && member.Key.StartsWith(environment.Key + "_", StringComparison.Ordinal)
            ? "‹environment key›" + member.Key[environment.Key.Length..]
            : member.Key;
}
