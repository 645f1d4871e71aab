using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>
/// Where the backfill reads identities from (the relational store by default, an NDJSON file as the alternative).
/// Identities come out in no particular order; each one at most once per environment.
/// </summary>
internal interface IIdentitySource
{
    IAsyncEnumerable<IdentityContext> ReadAsync(EnvironmentRef environment, CancellationToken cancellationToken);
}
