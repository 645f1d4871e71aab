using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ModularAnalytics.Modules.Datar.Application.Abstractions;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence;

/// <summary>The additive UPSERT into `datar_hourly_events`, in one transaction per flush, on PostgreSQL and SQLite alike.</summary>
internal sealed class HourlyEventStore(DatarDbContext context) : IHourlyEventStore
{
    // 7 parameters a row; both providers accept far more than 7 × 500 parameters a statement.
    private const int RowsPerStatement = 500;

    public async Task<bool> ApplyAsync(Guid flushId, IReadOnlyCollection<HourlyCount> counts, DateTime flushedAtUtc, CancellationToken cancellationToken)
    {
        var sql = SqlNames.For(context);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();

        await using (var claim = connection.CreateCommand())
        {
            claim.Transaction = dbTransaction;
            claim.CommandText = $"INSERT INTO {sql.Flushes} (flush_id, applied_at) VALUES (@id, @at) ON CONFLICT (flush_id) DO NOTHING";
            // EF stores Guids as upper-case text on SQLite; bind the same form so the key compares equal.
            Add(claim, "@id", sql.IsSqlite ? flushId.ToString("D").ToUpperInvariant() : flushId);
            Add(claim, "@at", flushedAtUtc);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        foreach (var chunk in counts.Chunk(RowsPerStatement))
        {
            await using var upsert = connection.CreateCommand();
            upsert.Transaction = dbTransaction;
            upsert.CommandText = BuildUpsert(sql, chunk.Length);
            Add(upsert, "@now", flushedAtUtc);
            for (var i = 0; i < chunk.Length; i++)
            {
                var row = chunk[i];
                var p = i.ToString(CultureInfo.InvariantCulture);
                Add(upsert, "@f" + p, row.FlagId);
                Add(upsert, "@h" + p, row.HourBucket);
                Add(upsert, "@v" + p, row.VariantId);
                Add(upsert, "@s" + p, row.SegmentId);
                Add(upsert, "@c" + p, row.Count);
                Add(upsert, "@l" + p, row.LastSeenUnixSeconds);
            }

            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string BuildUpsert(SqlNames sql, int rows)
    {
        var builder = new StringBuilder(128 + (rows * 48));
        builder.Append("INSERT INTO ").Append(sql.Events)
            .Append(" (flag_id, bucket_hour, variant_id, segment_id, eval_count, last_evaluated_at, updated_at) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            builder.Append(i == 0 ? "(" : ", (")
                .Append(CultureInfo.InvariantCulture, $"@f{i}, @h{i}, @v{i}, @s{i}, @c{i}, @l{i}, @now)");
        }

        builder.Append(" ON CONFLICT (flag_id, bucket_hour, variant_id, segment_id) DO UPDATE SET ")
            .Append("eval_count = ").Append(sql.EventsAlias).Append(".eval_count + excluded.eval_count, ")
            .Append("last_evaluated_at = ").Append(sql.Greatest).Append('(').Append(sql.EventsAlias).Append(".last_evaluated_at, excluded.last_evaluated_at), ")
            .Append("updated_at = excluded.updated_at");
        return builder.ToString();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>Quoted table names and the few spellings that differ between PostgreSQL and SQLite.</summary>
internal sealed record SqlNames(string Events, string EventsAlias, string Flushes, string Greatest, bool IsSqlite)
{
    public static SqlNames For(DatarDbContext context)
    {
        var isSqlite = context.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        var events = context.Model.FindEntityType(typeof(HourlyEvent))!;
        var flushes = context.Model.FindEntityType(typeof(AppliedFlush))!;
        return new SqlNames(
            Events: Quote(events.GetSchema(), events.GetTableName()!),
            EventsAlias: Quote(null, events.GetTableName()!),
            Flushes: Quote(flushes.GetSchema(), flushes.GetTableName()!),
            Greatest: isSqlite ? "max" : "GREATEST",
            IsSqlite: isSqlite);
    }

    private static string Quote(string? schema, string table) =>
        schema is null ? $"\"{table}\"" : $"\"{schema}\".\"{table}\"";
}
