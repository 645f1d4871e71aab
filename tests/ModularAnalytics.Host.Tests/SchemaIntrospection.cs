using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ModularAnalytics.Host.Tests;

/// <summary>
/// Reads a database's schema into comparable lines (tables, columns with store type and nullability, keys,
/// foreign keys, indexes), skipping the migrations bookkeeping tables that only migrations create.
/// </summary>
internal static class SchemaIntrospection
{
    private static readonly string[] Bookkeeping = ["__ef_migrations_history", "__EFMigrationsLock"];

    public static async Task<SortedSet<string>> ReadSqliteAsync(string connectionString)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Where(t => !IsBookkeeping(t)))
        {
            lines.Add($"table {table}");
            await using (var columns = await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")"))
            {
                while (await columns.ReadAsync())
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"column {table}.{columns.GetString(1)} {columns.GetString(2)} notnull={columns.GetInt64(3)} pk={columns.GetInt64(5)} default={(columns.IsDBNull(4) ? "" : columns.GetString(4))}"));
                }
            }

            await using (var foreignKeys = await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")"))
            {
                while (await foreignKeys.ReadAsync())
                {
                    lines.Add($"fk {table}.{foreignKeys.GetString(3)} -> {foreignKeys.GetString(2)}.{foreignKeys.GetString(4)} on delete {foreignKeys.GetString(6)}");
                }
            }

            var indexes = new List<(string Name, long Unique)>();
            await using (var list = await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")"))
            {
                while (await list.ReadAsync())
                {
                    indexes.Add((list.GetString(1), list.GetInt64(2)));
                }
            }

            foreach (var (name, unique) in indexes.Where(i => !i.Name.StartsWith("sqlite_autoindex", StringComparison.Ordinal)))
            {
                var columns = await ListAsync(connection, $"SELECT name FROM pragma_index_info('{name}') ORDER BY seqno");
                var partial = await ListAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{name}'");
                var where = partial.FirstOrDefault() is { } sql && sql.Contains(" WHERE ", StringComparison.OrdinalIgnoreCase)
                    ? sql[sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase)..]
                    : string.Empty;
                lines.Add($"index {table}.{name} unique={unique} ({string.Join(", ", columns)}){where}");
            }
        }

        return lines;
    }

    public static async Task<SortedSet<string>> ReadPostgresAsync(string connectionString, IReadOnlyCollection<string> schemas)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var schemaList = string.Join(", ", schemas.Select(s => $"'{s}'"));

        await using (var tables = await QueryAsync(connection,
            $"SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema IN ({schemaList}) AND table_type = 'BASE TABLE'"))
        {
            while (await tables.ReadAsync())
            {
                if (!IsBookkeeping(tables.GetString(1)))
                {
                    lines.Add($"table {tables.GetString(0)}.{tables.GetString(1)}");
                }
            }
        }

        await using (var columns = await QueryAsync(connection,
            "SELECT table_schema, table_name, column_name, format_type(a.atttypid, a.atttypmod), is_nullable, coalesce(column_default, ''), is_identity, coalesce(identity_generation, '') " +
            "FROM information_schema.columns c " +
            "JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name " +
            $"WHERE table_schema IN ({schemaList})"))
        {
            while (await columns.ReadAsync())
            {
                if (!IsBookkeeping(columns.GetString(1)))
                {
                    lines.Add($"column {columns.GetString(0)}.{columns.GetString(1)}.{columns.GetString(2)} {columns.GetString(3)} nullable={columns.GetString(4)} default={columns.GetString(5)} identity={columns.GetString(6)} {columns.GetString(7)}");
                }
            }
        }

        await using (var constraints = await QueryAsync(connection,
            "SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c " +
            "JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace " +
            $"WHERE n.nspname IN ({schemaList})"))
        {
            while (await constraints.ReadAsync())
            {
                if (!IsBookkeeping(constraints.GetString(1)))
                {
                    lines.Add($"constraint {constraints.GetString(0)}.{constraints.GetString(1)}.{constraints.GetString(2)} {constraints.GetString(3)}");
                }
            }
        }

        await using (var indexes = await QueryAsync(connection,
            $"SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname IN ({schemaList})"))
        {
            while (await indexes.ReadAsync())
            {
                if (!IsBookkeeping(indexes.GetString(1)))
                {
                    lines.Add($"index {indexes.GetString(0)}.{indexes.GetString(2)} {indexes.GetString(3)}");
                }
            }
        }

        return lines;
    }

    private static bool IsBookkeeping(string table) =>
        Bookkeeping.Any(b => table.StartsWith(b, StringComparison.Ordinal));

    private static async Task<DbDataReader> QueryAsync(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteReaderAsync();
    }

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        var result = new List<string>();
        await using var reader = await QueryAsync(connection, sql);
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }
}
