using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Domain.Common;
using ModularAnalytics.Modules.Catalog.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Security;

/// <summary>
/// Resolves credentials for the authentication handler, which runs on every request (ingestion included),
/// so hits are cached briefly. Issued credentials never change (there is no rotation or deletion yet), so a
/// cached hit cannot go stale; a future rotate/delete use case must evict its entry here. Misses are not
/// cached, so that guessed keys cannot fill the cache.
/// </summary>
internal sealed class CatalogCredentialResolver(CatalogDbContext db, IMemoryCache cache) : ICredentialResolver
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public async Task<int?> ResolveOrganisationTokenAsync(string token, CancellationToken cancellationToken)
    {
        // Keyed by hash so that plaintext tokens never sit in process memory longer than the request.
        var hash = Secrets.Hash(token);
        var cacheKey = ("catalog:organisation-token", hash);
        if (cache.TryGetValue(cacheKey, out int cached))
        {
            return cached;
        }

        var organisationId = await db.Organisations.AsNoTracking()
            .Where(o => o.ApiTokenHash == hash)
            .Select(o => (int?)o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (organisationId is { } id)
        {
            cache.Set(cacheKey, id, Lifetime);
        }

        return organisationId;
    }

    public async Task<EnvironmentCredential?> ResolveEnvironmentKeyAsync(string key, CancellationToken cancellationToken)
    {
        var cacheKey = ("catalog:environment-key", key);
        if (cache.TryGetValue(cacheKey, out EnvironmentCredential? cached))
        {
            return cached;
        }

        var credential = await (
                from e in db.Environments.AsNoTracking()
                join p in db.Projects.AsNoTracking() on e.ProjectId equals p.Id
                where e.Key == key
                select new EnvironmentCredential(e.Id, p.Id, p.OrganisationId, e.Key))
            .FirstOrDefaultAsync(cancellationToken);
        if (credential is not null)
        {
            cache.Set(cacheKey, credential, Lifetime);
        }

        return credential;
    }
}
