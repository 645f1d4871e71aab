using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using Npgsql;

namespace ModularAnalytics.Testing;

/// <summary>Raw access to a test host's relational store, for asserting what was actually written.</summary>
public static class StoreAccess
{
    public static RelationalStore Store(this ServiceFactory factory) => factory.Services.GetRequiredService<RelationalStore>();

    public static async Task<DbConnection> OpenConnectionAsync(this RelationalStore store)
    {
        DbConnection connection = store.Provider == RelationalProvider.Postgres
            ? new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>A module table as SQL names it: `schema.table` on PostgreSQL, `schema_table` on SQLite.</summary>
    public static string QualifiedTable(this RelationalStore store, string schema, string table) =>
        store.Provider == RelationalProvider.Postgres ? $"\"{schema}\".\"{table}\"" : $"\"{schema}_{table}\"";

    public static async Task<List<object?[]>> QueryAsync(this RelationalStore store, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await store.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
