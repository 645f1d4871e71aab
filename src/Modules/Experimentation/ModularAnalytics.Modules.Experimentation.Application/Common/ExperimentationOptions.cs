namespace ModularAnalytics.Modules.Experimentation.Application.Common;

/// <summary>The <c>Experimentation</c> configuration section.</summary>
public sealed record ExperimentationOptions
{
    public const string Section = "Experimentation";

    /// <summary>Quartz cron (UTC) of the recurring refresh of every running experiment.</summary>
    public string RefreshCron { get; init; } = "0 0 * * * ?";

    public TimeSpan RefreshTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Debounce of refreshes asked for by the API (refresh call, ending an experiment).</summary>
    public TimeSpan RefreshDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the warehouse keeps events.</summary>
    public int EventTtlDays { get; init; } = 90;

    /// <summary>Events older than this are refused: they would fall outside any refresh that is still to come.</summary>
    public TimeSpan MaxEventAge { get; init; } = TimeSpan.FromDays(31);

    /// <summary>Below this many identities in the experiment's variants the sample ratio check reports not-enough-traffic.</summary>
    public long SrmMinimumIdentities { get; init; } = 100;
}
