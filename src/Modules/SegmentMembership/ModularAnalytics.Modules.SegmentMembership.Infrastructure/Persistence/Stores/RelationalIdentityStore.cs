using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

/// <summary>
/// Upserts with one multi-row <c>INSERT ... ON CONFLICT DO UPDATE</c> per chunk (same text on SQLite and PostgreSQL),
/// all chunks in one transaction: a bulk call is all or nothing, and concurrent calls cannot collide on the key.
/// </summary>
internal sealed class RelationalIdentityStore(SegmentMembershipDbContext db) : IIdentityStore
{
    private const int RowsPerStatement = 500;

    public async Task UpsertAsync(IReadOnlyList<StoredIdentity> identities, CancellationToken cancellationToken)
    {
        if (identities.Count == 0)
        {
            return;
        }

        string C(string property) => SqlNames.Column<StoredIdentity>(db, property);
        var environment = C(nameof(StoredIdentity.EnvironmentId));
        var identifier = C(nameof(StoredIdentity.Identifier));
        var key = C(nameof(StoredIdentity.Key));
        var traits = C(nameof(StoredIdentity.TraitsJson));
        var updated = C(nameof(StoredIdentity.UpdatedAt));
        var head = $"INSERT INTO {SqlNames.Table<StoredIdentity>(db)} ({environment}, {identifier}, {key}, {traits}, {updated}) VALUES ";
        var tail = $" ON CONFLICT ({environment}, {identifier}) DO UPDATE SET {key} = excluded.{key}, {traits} = excluded.{traits}, {updated} = excluded.{updated}";

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        foreach (var chunk in identities.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder(head);
            var parameters = new List<DbParameter>(chunk.Length * 5);
            string Parameter(object? value)
            {
                // Provider parameters, not EF's raw-SQL formatting: that one cannot type a null key.
                var parameter = factory.CreateParameter();
                parameter.ParameterName = "@p" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameter.Value = value ?? DBNull.Value;
                parameters.Add(parameter);
                return parameter.ParameterName;
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                sql.Append(i == 0 ? "(" : ", (")
                    .AppendJoin(", ", Parameter(row.EnvironmentId), Parameter(row.Identifier), Parameter(row.Key), Parameter(row.TraitsJson), Parameter(row.UpdatedAt))
                    .Append(')');
            }

            sql.Append(tail);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
