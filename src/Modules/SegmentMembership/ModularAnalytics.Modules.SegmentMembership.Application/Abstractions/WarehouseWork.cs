namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>Attribution of warehouse work, sent as the query's <c>log_comment</c>.</summary>
internal sealed record WarehouseWork(string Stage, int OrganisationId, int ProjectId)
{
    public const string Backfill = "backfill";
    public const string Refresh = "refresh";
    public const string Read = "read";

    public string LogComment => $"modularanalytics:segment_membership:{Stage}:org_{OrganisationId}:project_{ProjectId}";
}
