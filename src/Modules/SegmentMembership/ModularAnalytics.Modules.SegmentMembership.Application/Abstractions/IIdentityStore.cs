using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

/// <summary>The module's relational identity store, written by the bulk API.</summary>
internal interface IIdentityStore
{
    /// <summary>Inserts or replaces every identity (traits wholesale) in one transaction.</summary>
    Task UpsertAsync(IReadOnlyList<StoredIdentity> identities, CancellationToken cancellationToken);
}
