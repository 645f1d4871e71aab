namespace ModularAnalytics.Modules.SegmentMembership.Application.Common;

public enum IdentitySourceKind
{
    Relational,
    Ndjson,
}

/// <summary>The <c>SegmentMembership</c> configuration section.</summary>
public sealed record SegmentMembershipSettings
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

    /// <summary>
    /// Runs segment queries with ClickHouse's previous query analyzer (<c>enable_analyzer = 0</c>). Why: the compiled
    /// SQL nests many lambdas per property, and the new analyzer spends seconds resolving them (about 8 s of fixed cost
    /// for 50 segments on 26.5, whatever the row count) where the old one needs tens of milliseconds for the same counts.
    /// Turn off for a server without that setting.
    /// </summary>
    public bool UseLegacyAnalyzer { get; init; } = true;
}
