using System.Globalization;
using MediatR;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments;

/// <summary>Segments as the API shows them: with their stored counts and the state of their counting.</summary>
internal sealed class SegmentViews(IMediator mediator, IMembershipCountStore counts, IRefreshStateStore states, ISegmentWarehouse warehouse)
{
    public async Task<SegmentDto> OneAsync(ProjectInfo project, Segment segment, CancellationToken cancellationToken)
    {
        var disabled = await DisabledAsync(project, cancellationToken);
        var segmentCounts = await counts.ListBySegmentAsync(segment.Id, cancellationToken);
        var failures = await counts.ListFailuresBySegmentAsync(segment.Id, cancellationToken);
        var state = disabled is null ? await states.FindAsync(project.Id, cancellationToken) : null;
        return SegmentDto.From(segment, segmentCounts, disabled ?? Status(segmentCounts, failures, state));
    }

    public async Task<IReadOnlyList<SegmentDto>> AllAsync(ProjectInfo project, IReadOnlyList<Segment> segments, CancellationToken cancellationToken)
    {
        var disabled = await DisabledAsync(project, cancellationToken);
        var bySegment = (await counts.ListByProjectAsync(project.Id, cancellationToken)).ToLookup(c => c.SegmentId);
        var failures = (await counts.ListFailuresByProjectAsync(project.Id, cancellationToken)).ToLookup(f => f.SegmentId);
        var state = disabled is null ? await states.FindAsync(project.Id, cancellationToken) : null;
        return [.. segments.Select(s => SegmentDto.From(s, bySegment[s.Id], disabled ?? Status([.. bySegment[s.Id]], [.. failures[s.Id]], state)))];
    }

    /// <summary>The reason nothing is counted for the project, or null when counting is on.</summary>
    private async Task<MembershipStatusDto?> DisabledAsync(ProjectInfo project, CancellationToken cancellationToken)
    {
        if (!warehouse.IsEnabled)
        {
            return new MembershipStatusDto(MembershipState.Disabled, $"Segment membership is not computed: the warehouse is disabled ({warehouse.DisabledReason}).");
        }

        if (!await mediator.Send(new GetSegmentMembershipInspectionQuery(project.OrganisationId), cancellationToken))
        {
            return new MembershipStatusDto(MembershipState.Disabled, InspectionOff(project.OrganisationId));
        }

        return null;
    }

    internal static string InspectionOff(int organisationId)
    {
        var id = organisationId.ToString(CultureInfo.InvariantCulture);
        return $"Segment membership inspection is off for organisation {id}. Turn it on with PATCH /api/v1/organisations/{id} " +
            "and the body {\"segmentMembershipInspection\": true}.";
    }

    private static MembershipStatusDto Status(IReadOnlyList<SegmentMembershipCount> segmentCounts, IReadOnlyList<SegmentCountFailure> failures, ProjectRefreshState? state)
    {
        if (failures.Count > 0)
        {
            var reason = string.Join("; ", failures.OrderBy(f => f.EnvironmentId).Select(f => $"environment {f.EnvironmentId.ToString(CultureInfo.InvariantCulture)}: {f.Error}"));
            return new MembershipStatusDto(MembershipState.Failed, "The warehouse could not count this segment (" + reason + ").", Utc(failures.Max(f => f.FailedAt)));
        }

        if (state is { LastOutcome: RefreshOutcome.Failed })
        {
            return new MembershipStatusDto(MembershipState.Failed, "The last refresh of the project failed: " + state.LastError, state.LastErrorAt is { } at ? Utc(at) : null);
        }

        return segmentCounts.Count > 0 ? new MembershipStatusDto(MembershipState.Ok) : new MembershipStatusDto(MembershipState.Pending);
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
