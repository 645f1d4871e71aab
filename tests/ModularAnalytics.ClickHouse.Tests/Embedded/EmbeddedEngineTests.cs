using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.ClickHouse.Embedded;

namespace ModularAnalytics.ClickHouse.Tests.Embedded;

/// <summary>Properties of the in-process chDB engine itself, beyond the shared behaviour suite.</summary>
public sealed class EmbeddedEngineTests : IAsyncLifetime
{
    private readonly string _database = TestWarehouse.UniqueDatabase();
    private ServiceProvider _services = null!;

    private IClickHouseClient Client => _services.GetRequiredService<IClickHouseClient>();

    public Task InitializeAsync()
    {
        _services = TestWarehouse.Build(TestWarehouse.EmbeddedSettings(_database));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Client.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(_database)}");
        await _services.DisposeAsync();
    }

    [Fact]
    public async Task A_second_data_path_in_the_same_process_fails_clearly()
    {
        await Client.QueryAsync("SELECT 1");
        var options = _services.GetRequiredService<WarehouseOptions>().Embedded!;
        var other = new EmbeddedClickHouseClient(options with { DataPath = Path.Combine(Path.GetTempPath(), "another-chdb-path") });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => other.QueryAsync(new ClickHouseQuery("SELECT 1")));

        Assert.Contains("one data path per process", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestWarehouse.EmbeddedDataPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runtime_still_turns_null_dereference_into_NullReferenceException_after_the_engine_started()
    {
        await Client.QueryAsync("SELECT 1");
        string? nothing = Environment.GetEnvironmentVariable("MODULARANALYTICS_SURELY_UNSET_" + Guid.NewGuid().ToString("N"));

        // This relies on the runtime's SIGSEGV handler, which chDB would otherwise have replaced.
        Assert.Throws<NullReferenceException>(() => nothing!.Length);
        Assert.Throws<DivideByZeroException>(() => 1 / int.Parse("0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_failed_query_does_not_leak_output_into_the_next_one()
    {
        var query = new ClickHouseQuery("SELECT number FROM system.numbers LIMIT 100")
            .WithSetting("max_result_rows", "3").WithSetting("result_overflow_mode", "throw").WithSetting("max_block_size", "1");
        await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync(query));

        var next = await Client.QueryAsync("SELECT 42 AS answer");

        Assert.Equal(42, Assert.Single(next).GetInt32("answer"));
    }

    [Fact]
    public async Task Each_client_uses_its_own_database_on_the_shared_engine()
    {
        var otherDatabase = TestWarehouse.UniqueDatabase();
        await using var other = TestWarehouse.Build(TestWarehouse.EmbeddedSettings(otherDatabase));
        var otherClient = other.GetRequiredService<IClickHouseClient>();
        try
        {
            await Client.ExecuteAsync("CREATE TABLE same_name (v String) ENGINE = Memory");
            await otherClient.ExecuteAsync("CREATE TABLE same_name (v String) ENGINE = Memory");
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                (i % 2 == 0 ? Client : otherClient).ExecuteAsync(new ClickHouseQuery("INSERT INTO same_name SELECT currentDatabase()"))));

            var mine = await Client.QueryAsync("SELECT DISTINCT v, count() OVER () AS n FROM same_name");
            var theirs = await otherClient.QueryAsync("SELECT DISTINCT v, count() OVER () AS n FROM same_name");

            Assert.Equal((_database, 10UL), (Assert.Single(mine).GetString("v"), mine[0].GetUInt64("n")));
            Assert.Equal((otherDatabase, 10UL), (Assert.Single(theirs).GetString("v"), theirs[0].GetUInt64("n")));
        }
        finally
        {
            await otherClient.ExecuteAsync($"DROP DATABASE IF EXISTS {ClickHouseSql.Identifier(otherDatabase)}");
        }
    }

    [Fact]
    public async Task Inserts_larger_than_a_chunk_are_split_and_all_rows_arrive()
    {
        var options = _services.GetRequiredService<WarehouseOptions>().Embedded! with { InsertChunkBytes = 4096 };
        var client = new EmbeddedClickHouseClient(options);
        await client.ExecuteAsync(new ClickHouseQuery("CREATE TABLE chunked (id UInt64, s String) ENGINE = MergeTree ORDER BY id"));

        var sent = await client.InsertAsync(new ClickHouseInsert("chunked"),
            Enumerable.Range(0, 2000).Select(i => new Dictionary<string, object> { ["id"] = i, ["s"] = new string('x', i % 50) }));

        Assert.Equal(2000, sent);
        var r = await client.QueryAsync(new ClickHouseQuery("SELECT count() AS c, sum(id) AS total, sum(length(s)) AS l FROM chunked"));
        Assert.Equal((2000UL, 1999000UL, (ulong)Enumerable.Range(0, 2000).Sum(i => i % 50)), (r[0].GetUInt64("c"), r[0].GetUInt64("total"), r[0].GetUInt64("l")));
    }

    [Fact]
    public async Task Large_chunks_go_through_a_file_with_the_inserts_columns_format_and_settings_and_leave_no_file()
    {
        var options = _services.GetRequiredService<WarehouseOptions>().Embedded! with { InsertChunkBytes = 8192, FileInsertBytes = 1024 };
        var client = new EmbeddedClickHouseClient(options);
        await client.ExecuteAsync(new ClickHouseQuery("CREATE TABLE from_file (id UInt64, at DateTime64(3, 'UTC'), s String, d String DEFAULT 'dflt') ENGINE = MergeTree ORDER BY id"));
        var at = new DateTime(2026, 12, 2, 7, 0, 0, DateTimeKind.Utc);

        var sent = await client.InsertAsync(
            new ClickHouseInsert("from_file") { Columns = ["id", "at", "s"], Format = "JSONCompactEachRow", LogComment = "file-insert" },
            Enumerable.Range(0, 1000).Select(i => new object[] { i, at.AddSeconds(i), "é\n" + new string('x', i % 7) }));

        Assert.Equal(1000, sent);
        var r = await client.QueryAsync(new ClickHouseQuery("SELECT count() AS c, sum(id) AS total, min(at) AS first, countIf(d = 'dflt') AS defaults, countIf(startsWith(s, 'é\n')) AS texts FROM from_file"));
        Assert.Equal((1000UL, 499500UL, at, 1000UL, 1000UL),
            (r[0].GetUInt64("c"), r[0].GetUInt64("total"), r[0].GetDateTime("first"), r[0].GetUInt64("defaults"), r[0].GetUInt64("texts")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(options.DataPath, "inserts")));
    }

    [Fact]
    public async Task Cancellation_is_honoured_before_the_query_starts()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.QueryAsync(new ClickHouseQuery("SELECT 1"), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.ExecuteAsync(new ClickHouseQuery("CREATE TABLE never (x UInt8) ENGINE = Memory"), cts.Token));
        var exists = await Client.QueryAsync("EXISTS TABLE never");
        Assert.Equal(0, exists[0].GetInt32("result"));
    }

    [Fact]
    public void Missing_library_gives_an_actionable_error()
    {
        // The process-wide engine is already open in this test run, so the check is exercised on its own.
        var error = Assert.Throws<FileNotFoundException>(() => ChdbEngine.EnsureLibraryExists("/nonexistent/libchdb.so"));

        Assert.Contains("/nonexistent/libchdb.so", error.Message, StringComparison.Ordinal);
        Assert.Contains("build/fetch-chdb.sh", error.Message, StringComparison.Ordinal);
        Assert.Contains("CHDB_LIBRARY_PATH", error.Message, StringComparison.Ordinal);
    }
}
