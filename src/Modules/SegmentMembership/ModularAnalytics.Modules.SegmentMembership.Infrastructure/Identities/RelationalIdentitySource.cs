using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Identities;

/// <summary>The built-in source: the identities the bulk API stored, read in keyset pages so no reader stays open.</summary>
internal sealed class RelationalIdentitySource(SegmentMembershipDbContext db) : IIdentitySource
{
    private const int PageSize = 5000;

    public async IAsyncEnumerable<IdentityContext> ReadAsync(EnvironmentRef environment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var query = db.Identities.AsNoTracking().Where(i => i.EnvironmentId == environment.Id);
            if (after is not null)
            {
                query = query.Where(i => string.Compare(i.Identifier, after) > 0);
            }

            var page = await query.OrderBy(i => i.Identifier).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var identity in page)
            {
                yield return new IdentityContext(identity.Identifier, identity.Key, IdentityTraits.Parse(identity.TraitsJson));
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Identifier;
        }
    }
}
