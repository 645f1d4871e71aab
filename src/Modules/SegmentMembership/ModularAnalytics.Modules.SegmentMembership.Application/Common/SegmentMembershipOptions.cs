namespace ModularAnalytics.Modules.SegmentMembership.Application.Common;

/// <summary>The <c>SegmentMembership</c> configuration section.</summary>
public sealed record SegmentMembershipOptions
{
    public const string Section = "SegmentMembership";

    public IdentitySourceKind IdentitySource { get; init; } = IdentitySourceKind.Relational;

    /// <summary>The NDJSON file the <see cref="IdentitySourceKind.Ndjson"/> source reads.</summary>
    public string? NdjsonPath { get; init; }

    /// <summary>Quartz cron (UTC) of the daily backfill.</summary>
    public string BackfillCron { get; init; } = "0 0 3 * * ?";

    public TimeSpan RefreshTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Debounce of the refresh that follows a segment change.</summary>
    public TimeSpan RefreshDelay { get; init; } = TimeSpan.FromSeconds(5);

    public int BackfillBatchSize { get; init; } = 10_000;
}
