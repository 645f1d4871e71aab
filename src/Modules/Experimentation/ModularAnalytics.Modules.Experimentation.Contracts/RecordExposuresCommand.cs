using MediatR;

namespace ModularAnalytics.Modules.Experimentation.Contracts;

/// <summary>One exposure handed over by another module: an identity saw <paramref name="Value"/> of a flag.</summary>
public sealed record ExposureRecord(string Identifier, string FeatureName, string Value, DateTimeOffset Timestamp);

/// <summary>
/// Stores exposures of one environment as <c>$flag_exposure</c> events, all or nothing. Completes only once they
/// are stored; a warehouse that is down surfaces as <c>ServiceUnavailableException</c> (nothing stored). A warehouse
/// switched off by configuration stores nothing and says why in the result.
/// </summary>
public sealed record RecordExposuresCommand(int EnvironmentId, IReadOnlyList<ExposureRecord> Exposures) : IRequest<RecordExposuresResult>;

/// <param name="NotStoredReason">Set when the exposures were not stored because the warehouse is disabled.</param>
public sealed record RecordExposuresResult(int Stored, string? NotStoredReason);
