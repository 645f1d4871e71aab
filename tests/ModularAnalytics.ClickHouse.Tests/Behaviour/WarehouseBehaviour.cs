using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;

namespace ModularAnalytics.ClickHouse.Tests.Behaviour;

/// <summary>
/// Transport-independent warehouse behaviour. Each concrete class supplies configuration for one transport and
/// exposes these checks as facts; every test instance gets its own database, dropped afterwards.
/// </summary>
public abstract class WarehouseBehaviour : IAsyncLifetime
{
    private ServiceProvider? _services;

    protected string Database { get; } = TestWarehouse.UniqueDatabase();

    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    protected IClickHouseClient Client => Services.GetRequiredService<IClickHouseClient>();

    public Task InitializeAsync()
    {
        _services = TestWarehouse.Build(Configure(Database));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(Database)}");
            await _services.DisposeAsync();
        }
    }

    protected abstract Dictionary<string, string?> Configure(string database);

    protected async Task CreateInsertSelect()
    {
        await Client.ExecuteAsync(
            "CREATE TABLE events (id UInt64, name String, amount Float64, big Int64, at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id");
        var at = new DateTime(2024, 5, 6, 7, 8, 9, 123, DateTimeKind.Utc);
        var sent = await Client.InsertAsync(new ClickHouseInsert("events"),
        [
            new EventRow(ulong.MaxValue, "max", 1.5, long.MinValue, at),
            new EventRow(1, "one", -2.25, long.MaxValue, at.AddDays(-1)),
            new EventRow(2, "two", 0, 0, at.AddHours(1)),
        ]);
        Assert.Equal(3, sent);

        var result = await Client.QueryAsync("SELECT id, name, amount, big, at FROM events ORDER BY id");

        Assert.Equal(["id", "name", "amount", "big", "at"], result.Columns.Select(c => c.Name));
        Assert.Equal("UInt64", result.Columns[0].Type);
        Assert.Equal([1UL, 2UL, ulong.MaxValue], result.Select(r => r.GetUInt64("id")));
        Assert.Equal(["one", "two", "max"], result.Select(r => r.GetString("name")));
        Assert.Equal([-2.25, 0, 1.5], result.Select(r => r.GetDouble("amount")));
        Assert.Equal([long.MaxValue, 0, long.MinValue], result.Select(r => r.GetInt64("big")));
        Assert.Equal(at, result[2].GetDateTime("at"));
        Assert.Equal(DateTimeKind.Utc, result[2].GetDateTime("at").Kind);
        Assert.Equal(at.AddDays(-1), result[0].GetDateTime("at"));
    }

    protected async Task ReplacingMergeTreeFinalKeepsNewest()
    {
        await Client.ExecuteAsync(
            "CREATE TABLE profiles (id UInt64, name String, inserted_at DateTime64(3, 'UTC')) ENGINE = ReplacingMergeTree(inserted_at) ORDER BY id");
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        // Newer version first, older later: FINAL must pick by inserted_at, not by arrival.
        await Client.InsertAsync(new ClickHouseInsert("profiles"), [new ProfileRow(1, "newest", t0.AddMinutes(5)), new ProfileRow(2, "only", t0)]);
        await Client.InsertAsync(new ClickHouseInsert("profiles"), [new ProfileRow(1, "older", t0)]);

        var raw = await Client.QueryAsync("SELECT count() AS c FROM profiles");
        var final = await Client.QueryAsync("SELECT id, name FROM profiles FINAL ORDER BY id");

        Assert.Equal(3UL, raw[0].GetUInt64("c"));
        Assert.Equal([(1UL, "newest"), (2UL, "only")], final.Select(r => (r.GetUInt64("id"), r.GetString("name"))));
    }

    protected async Task JsonColumnSubcolumns()
    {
        await Client.ExecuteAsync("CREATE TABLE people (id UInt64, traits JSON) ENGINE = MergeTree ORDER BY id");
        var rows = new[]
        {
            new Dictionary<string, object>
            {
                ["id"] = 1,
                ["traits"] = new Dictionary<string, object>
                {
                    ["x"] = 5, ["a.b"] = "dotted", ["q'k"] = "quote", ["sp k"] = "space", ["b`t"] = "backtick",
                    ["ü名"] = "unicode", ["bs\\k"] = "backslash", ["dq\"k"] = "double", ["nested"] = new Dictionary<string, object> { ["inner"] = 7 },
                },
            },
            new Dictionary<string, object> { ["id"] = 2, ["traits"] = new Dictionary<string, object> { ["x"] = 3 } },
        };
        await Client.InsertAsync(new ClickHouseInsert("people"), rows);

        string[] keys = ["a.b", "q'k", "sp k", "b`t", "ü名", "bs\\k", "dq\"k"];
        var select = string.Join(", ", keys.Select((k, i) => $"{ClickHouseSql.JsonPath("traits", k)} AS k{i}"));
        var result = await Client.QueryAsync(new ClickHouseQuery(
            $"SELECT {select}, {ClickHouseSql.JsonPath("traits", "nested", "inner")} AS inner, " +
            $"{ClickHouseSql.JsonSubObject("traits", "nested")} AS sub, {ClickHouseSql.JsonPath("traits", "x")}.:Int64 + 1 AS x1 " +
            $"FROM people WHERE {ClickHouseSql.JsonPath("traits", "x")} > {{min:Int64}}").WithParameter("min", 4));

        var row = Assert.Single(result);
        Assert.Equal(["dotted", "quote", "space", "backtick", "unicode", "backslash", "double"], keys.Select((_, i) => row.GetString($"k{i}")));
        Assert.Equal(7, row.GetInt64("inner"));
        Assert.Equal(7, row["sub"].GetProperty("inner").GetInt64());
        Assert.Equal(6, row.GetInt64("x1"));

        var typed = await Client.QueryAsync(new ClickHouseQuery(
            $"SELECT count() AS c FROM people WHERE {ClickHouseSql.JsonPath("traits", "x")}.:Int64 = {{x:Int64}}").WithParameter("x", 3));
        Assert.Equal(1UL, typed[0].GetUInt64("c"));
    }

    public static readonly string[] AdversarialStrings =
    [
        "", "plain", "it's", "O''Brien", "back\\slash", "\\N", "\\", "trailing\\", "back`tick", "100%", "%s%d", "nul\0byte",
        "tab\tand\nnewline\r\n", "{name:String}", "'; DROP TABLE x; --", "\"double\"", "ünïcødé 名前 🎉", "\b\f", "a\\tb",
    ];

    protected async Task ParametersRoundTripExactly()
    {
        foreach (var s in AdversarialStrings)
        {
            var r = await Client.QueryAsync(new ClickHouseQuery("SELECT {s:String} AS v, length({s:String}) AS n").WithParameter("s", s));
            Assert.Equal(s, r[0].GetString("v"));
            Assert.Equal((ulong)System.Text.Encoding.UTF8.GetByteCount(s), r[0].GetUInt64("n"));
        }

        var arrays = await Client.QueryAsync(new ClickHouseQuery("SELECT {a:Array(String)} AS a, {n:Array(Nullable(Int64))} AS n, {nested:Array(Array(String))} AS nested")
            .WithParameter("a", AdversarialStrings)
            .WithParameter("n", new long?[] { 1, null, long.MinValue })
            .WithParameter("nested", new[] { new[] { "x'y" }, Array.Empty<string>() }));
        Assert.Equal(AdversarialStrings, arrays[0].Get<string[]>("a"));
        Assert.Equal([1, null, long.MinValue], arrays[0].Get<long?[]>("n"));
        Assert.Equal([["x'y"], []], arrays[0].Get<string[][]>("nested"));

        var guid = Guid.NewGuid();
        var utc = new DateTime(2024, 2, 29, 23, 59, 58, DateTimeKind.Utc).AddTicks(1234567);
        var offset = new DateTimeOffset(2024, 3, 1, 1, 59, 58, TimeSpan.FromHours(2));
        var scalars = await Client.QueryAsync(new ClickHouseQuery(
            """
            SELECT {u64:UInt64} AS u64, {i64:Int64} AS i64, {i32:Int32} AS i32, {u8:UInt8} AS u8, {d:Float64} AS d,
                   {dec:Decimal(18, 6)} AS dec, {t:Bool} AS t, {f:Bool} AS f, {g:UUID} AS g,
                   {dt:DateTime64(7, 'UTC')} AS dt, {dto:DateTime('UTC')} AS dto, {unspecified:DateTime('UTC')} AS unspecified,
                   {date:Date} AS date, {none:Nullable(String)} AS none, isNull({none:Nullable(String)}) AS none_is_null,
                   {dts:Array(DateTime64(3, 'UTC'))} AS dts, {nan:Float64} AS nan
            """)
            .WithParameter("u64", ulong.MaxValue).WithParameter("i64", long.MinValue).WithParameter("i32", -42)
            .WithParameter("u8", (byte)255).WithParameter("d", 0.1 + 0.2).WithParameter("dec", 1234567.891011m)
            .WithParameter("t", true).WithParameter("f", false).WithParameter("g", guid)
            .WithParameter("dt", utc).WithParameter("dto", offset)
            .WithParameter("unspecified", new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Unspecified))
            .WithParameter("date", new DateOnly(1999, 12, 31)).WithParameter("none", null)
            .WithParameter("dts", new[] { utc, utc.AddYears(-30) }).WithParameter("nan", double.NaN));

        var row = scalars[0];
        Assert.Equal(ulong.MaxValue, row.GetUInt64("u64"));
        Assert.Equal(long.MinValue, row.GetInt64("i64"));
        Assert.Equal(-42, row.GetInt32("i32"));
        Assert.Equal(255, row.GetInt32("u8"));
        Assert.Equal(0.1 + 0.2, row.GetDouble("d"));
        Assert.Equal(1234567.891011m, row.GetDecimal("dec"));
        Assert.True(row.GetBoolean("t"));
        Assert.False(row.GetBoolean("f"));
        Assert.Equal(guid, row.GetGuid("g"));
        Assert.Equal(utc, row.GetDateTime("dt"));
        Assert.Equal(offset.UtcDateTime, row.GetDateTime("dto"));
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), row.GetDateTime("unspecified"));
        Assert.Equal("1999-12-31", row.GetString("date"));
        Assert.True(row.IsNull("none"));
        Assert.True(row.GetBoolean("none_is_null"));
        Assert.Equal(
            [utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond)), utc.AddYears(-30).AddTicks(-(utc.Ticks % TimeSpan.TicksPerMillisecond))],
            row.Get<string[]>("dts")!.Select(s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)));
        Assert.True(double.IsNaN(row.GetDouble("nan")));
    }

    protected async Task ErrorsCarryClickHouseCodes()
    {
        var unknown = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync("SELECT * FROM no_such_table"));
        Assert.Equal(60, unknown.Code);
        Assert.Equal("UNKNOWN_TABLE", unknown.ErrorName);
        Assert.Contains("no_such_table", unknown.Message, StringComparison.Ordinal);

        var syntax = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync("SELEC 1"));
        Assert.Equal(62, syntax.Code);
        Assert.Equal("SYNTAX_ERROR", syntax.ErrorName);

        var badParameter = await Assert.ThrowsAsync<ClickHouseException>(() =>
            Client.QueryAsync(new ClickHouseQuery("SELECT {n:UInt8} AS n").WithParameter("n", "not a number")));
        Assert.NotEqual(0, badParameter.Code);
    }

    protected async Task ConcurrentQueriesAndInsertsAreCorrect()
    {
        await Client.ExecuteAsync("CREATE TABLE numbers_by_worker (worker UInt32, n UInt64) ENGINE = MergeTree ORDER BY (worker, n)");
        const int Workers = 16;
        const int PerWorker = 1000;
        var tasks = Enumerable.Range(0, Workers).Select(async w =>
        {
            await Client.InsertAsync(new ClickHouseInsert("numbers_by_worker"),
                Enumerable.Range(0, PerWorker).Select(i => new WorkerRow((uint)w, (ulong)i)));
            var r = await Client.QueryAsync(new ClickHouseQuery(
                "SELECT count() AS c, sum(n) AS s, {w:UInt32} * 2 AS echo FROM numbers_by_worker WHERE worker = {w:UInt32}").WithParameter("w", w));
            return (Worker: w, Count: r[0].GetUInt64("c"), Sum: r[0].GetUInt64("s"), Echo: r[0].GetInt64("echo"));
        }).ToList();

        var results = await Task.WhenAll(tasks);

        Assert.All(results, r =>
        {
            Assert.Equal((ulong)PerWorker, r.Count);
            Assert.Equal((ulong)(PerWorker * (PerWorker - 1) / 2), r.Sum);
            Assert.Equal(r.Worker * 2, r.Echo);
        });
        var total = await Client.QueryAsync("SELECT count() AS c FROM numbers_by_worker");
        Assert.Equal((ulong)(Workers * PerWorker), total[0].GetUInt64("c"));
    }

    protected async Task SettingsAndLogCommentApply()
    {
        const string Sql = "SELECT number FROM system.numbers LIMIT 100";
        var unlimited = await Client.QueryAsync(new ClickHouseQuery(Sql).WithSetting("max_block_size", "1"));
        Assert.Equal(100, unlimited.Count);

        var limited = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync(new ClickHouseQuery(Sql)
            .WithSetting("max_result_rows", "3").WithSetting("result_overflow_mode", "throw").WithSetting("max_block_size", "1")));
        Assert.Equal(396, limited.Code);

        var broken = await Client.QueryAsync(new ClickHouseQuery(Sql)
            .WithSetting("max_result_rows", "3").WithSetting("result_overflow_mode", "break").WithSetting("max_block_size", "1"));
        Assert.InRange(broken.Count, 1, 10);

        // The statement's own SETTINGS clause, a trailing comment and a semicolon must not break per-query settings.
        var comment = await Client.QueryAsync(new ClickHouseQuery(
            "SELECT getSetting('log_comment') AS c, getSetting('max_threads') AS t SETTINGS max_threads = 3 -- why\n;")
            .WithLogComment("module=catalog;job=rollup 'q'"));
        Assert.Equal("module=catalog;job=rollup 'q'", comment[0].GetString("c"));
        Assert.Equal(3, comment[0].GetInt64("t"));

        await Client.ExecuteAsync(new ClickHouseQuery("CREATE TABLE with_settings (id UInt64) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 128")
            .WithLogComment("ddl"));
        var ddl = await Client.QueryAsync("SELECT engine_full FROM system.tables WHERE database = currentDatabase() AND name = 'with_settings'");
        Assert.Contains("index_granularity = 128", ddl[0].GetString("engine_full"), StringComparison.Ordinal);

        await Client.InsertAsync(new ClickHouseInsert("with_settings") { LogComment = "insert", Settings = new Dictionary<string, string> { ["max_insert_threads"] = "1" } },
            [new Dictionary<string, ulong> { ["id"] = 1 }]);
        var inserted = await Client.QueryAsync("SELECT count() AS c FROM with_settings");
        Assert.Equal(1UL, inserted[0].GetUInt64("c"));
    }

    protected async Task BulkInsertOfHundredThousandRows()
    {
        await Client.ExecuteAsync("CREATE TABLE bulk (id UInt64, label String, at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id");
        const int Rows = 100_000;
        var at = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var sent = await Client.InsertAsync(new ClickHouseInsert("bulk"),
            Enumerable.Range(0, Rows).Select(i => new BulkRow((ulong)i, "label-" + i, at.AddSeconds(i))));

        Assert.Equal(Rows, sent);
        var r = await Client.QueryAsync("SELECT count() AS c, sum(id) AS s, max(at) AS m, uniqExact(label) AS u FROM bulk");
        Assert.Equal((ulong)Rows, r[0].GetUInt64("c"));
        Assert.Equal((ulong)Rows * (Rows - 1) / 2, r[0].GetUInt64("s"));
        Assert.Equal(at.AddSeconds(Rows - 1), r[0].GetDateTime("m"));
        Assert.Equal((ulong)Rows, r[0].GetUInt64("u"));
    }

    protected async Task MigrationsAreIdempotent()
    {
        var migrations = new[]
        {
            new WarehouseMigration("catalog", 2, "add column", ["ALTER TABLE catalog_items ADD COLUMN IF NOT EXISTS price Float64"]),
            new WarehouseMigration("catalog", 1, "create items", ["CREATE TABLE IF NOT EXISTS catalog_items (id UInt64) ENGINE = MergeTree ORDER BY id"]),
            new WarehouseMigration("segments", 1, "create members",
            [
                "CREATE TABLE IF NOT EXISTS segment_members (segment String, member String) ENGINE = MergeTree ORDER BY (segment, member)",
                "CREATE TABLE IF NOT EXISTS segment_sizes (segment String, size UInt64) ENGINE = SummingMergeTree ORDER BY segment",
            ]),
        };
        var services = new ServiceCollection()
            .AddLogging()
            .AddWarehouse(new ConfigurationBuilder().AddInMemoryCollection(Configure(Database)).Build())
            .AddWarehouseMigrations(migrations)
            .BuildServiceProvider();
        await using (services)
        {
            var migrator = services.GetRequiredService<IWarehouseMigrator>();

            var first = await migrator.MigrateAsync();
            var second = await migrator.MigrateAsync();

            Assert.Equal([("catalog", 1), ("catalog", 2), ("segments", 1)], first.Applied.Select(m => (m.Module, m.Version)));
            Assert.Empty(second.Applied);
            var recorded = await Client.QueryAsync("SELECT module, version, name, count() AS c FROM schema_migrations GROUP BY module, version, name ORDER BY module, version");
            Assert.Equal([("catalog", 1, "create items", 1UL), ("catalog", 2, "add column", 1UL), ("segments", 1, "create members", 1UL)],
                recorded.Select(r => (r.GetString("module"), r.GetInt32("version"), r.GetString("name"), r.GetUInt64("c"))));
            var columns = await Client.QueryAsync("SELECT name FROM system.columns WHERE database = currentDatabase() AND table = 'catalog_items' ORDER BY position");
            Assert.Equal(["id", "price"], columns.Select(c => c.GetString("name")));
        }
    }

    protected async Task HealthCheckIsHealthy()
    {
        var check = Services.GetRequiredService<WarehouseHealthCheck>();
        var result = await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration(WarehouseHealthCheck.Name, check, HealthStatus.Unhealthy, null),
        });
        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains(Database, result.Description, StringComparison.Ordinal);
    }

    private sealed record EventRow(
        [property: JsonPropertyName("id")] ulong Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("amount")] double Amount,
        [property: JsonPropertyName("big")] long Big,
        [property: JsonPropertyName("at")] DateTime At);

    private sealed record ProfileRow(
        [property: JsonPropertyName("id")] ulong Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("inserted_at")] DateTime InsertedAt);

    private sealed record WorkerRow([property: JsonPropertyName("worker")] uint Worker, [property: JsonPropertyName("n")] ulong N);

    private sealed record BulkRow(
        [property: JsonPropertyName("id")] ulong Id,
        [property: JsonPropertyName("label")] string Label,
        [property: JsonPropertyName("at")] DateTime At);
}
