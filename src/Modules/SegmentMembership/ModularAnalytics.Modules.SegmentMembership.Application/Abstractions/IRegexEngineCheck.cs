namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>Compiles a REGEX condition's pattern, as translated for the warehouse, with the warehouse's own engine.</summary>
internal interface IRegexEngineCheck
{
    /// <summary>Why the engine refuses the pattern; null when it compiles, or when no engine is there to ask.</summary>
    Task<string?> CheckAsync(string pattern, CancellationToken cancellationToken);
}
