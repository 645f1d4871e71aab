using System.IO.Compression;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;

namespace ModularAnalytics.ClickHouse.Tests.Server;

/// <summary>The HTTP transport's wire protocol, checked against an in-process listener that answers like ClickHouse.</summary>
public sealed class ServerTransportProtocolTests : IAsyncLifetime
{
    private const string OneRow =
        """{"meta":[{"name":"big","type":"UInt64"},{"name":"s","type":"String"}],"data":[["18446744073709551615","x"]],"rows":1,"statistics":{"elapsed":0.001,"rows_read":"1","bytes_read":8}}""";

    private FakeClickHouseServer _server = null!;
    private ServiceProvider _services = null!;

    private IClickHouseClient Client => _services.GetRequiredService<IClickHouseClient>();

    public async Task InitializeAsync()
    {
        _server = await FakeClickHouseServer.StartAsync();
        _server.Responder = (request, ctx) => request.Body.StartsWith("CREATE DATABASE", StringComparison.Ordinal) ? Task.CompletedTask : ctx.Response.WriteAsync(OneRow);
        _services = Build();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private ServiceProvider Build(double? queryTimeoutSeconds = null) => TestWarehouse.Build(new Dictionary<string, string?>
    {
        ["Warehouse:Mode"] = "server",
        ["Warehouse:Database"] = "analytics_db",
        ["ClickHouse:Url"] = $"http://alice:s%3Acret%40@127.0.0.1:{_server.Url.Port}/ignored",
        ["ClickHouse:QueryTimeoutSeconds"] = queryTimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    [Fact]
    public async Task Query_sends_sql_body_auth_headers_database_settings_parameters_and_query_id()
    {
        var result = await Client.QueryAsync(new ClickHouseQuery("SELECT {s:String} AS s, {a:Array(String)} AS a, {n:Nullable(Int64)} AS n")
        {
            QueryId = "q-123",
            LogComment = "module=catalog",
            Settings = new Dictionary<string, string> { ["max_threads"] = "2" },
        }
        .WithParameter("s", "tab\there\nnew\\line 'q' %&=?#")
        .WithParameter("a", new[] { "it's", "b\\s" })
        .WithParameter("n", null));

        var create = _server.Requests.First();
        Assert.Equal("CREATE DATABASE IF NOT EXISTS `analytics_db`", create.Body);
        Assert.False(create.Query.ContainsKey("database"));

        var request = _server.Last();
        Assert.Equal("POST", request.Method);
        Assert.Equal("SELECT {s:String} AS s, {a:Array(String)} AS a, {n:Nullable(Int64)} AS n", request.Body);
        Assert.Equal("alice", request.Headers["X-ClickHouse-User"]);
        Assert.Equal("s:cret@", request.Headers["X-ClickHouse-Key"]);
        Assert.DoesNotContain("Authorization", request.Headers.Keys);
        Assert.Contains("gzip", request.Headers["Accept-Encoding"], StringComparison.Ordinal);
        Assert.Equal("analytics_db", request.Query["database"]);
        Assert.Equal("JSONCompact", request.Query["default_format"]);
        Assert.Equal("1", request.Query["enable_http_compression"]);
        Assert.Equal("2", request.Query["max_threads"]);
        Assert.Equal("module=catalog", request.Query["log_comment"]);
        Assert.Equal("q-123", request.Query["query_id"]);
        Assert.Equal("tab\\there\\nnew\\\\line 'q' %&=?#", request.Query["param_s"]);
        Assert.Equal("['it\\'s','b\\\\s']", request.Query["param_a"]);
        Assert.Equal("\\N", request.Query["param_n"]);

        var row = Assert.Single(result);
        Assert.Equal(ulong.MaxValue, row.GetUInt64("big"));
        Assert.Equal("x", row.GetString("s"));
        Assert.Equal("q-123", result.QueryId);
        Assert.Equal(1UL, result.Statistics!.RowsRead);
    }

    [Fact]
    public async Task Gzip_response_is_decompressed()
    {
        _server.Responder = async (request, ctx) =>
        {
            if (request.Body.StartsWith("CREATE", StringComparison.Ordinal))
            {
                return;
            }

            Assert.Contains("gzip", request.Headers["Accept-Encoding"], StringComparison.Ordinal);
            ctx.Response.Headers.ContentEncoding = "gzip";
            await using var gzip = new GZipStream(ctx.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(OneRow));
        };

        var result = await Client.QueryAsync("SELECT 1");

        Assert.Equal("x", Assert.Single(result).GetString("s"));
    }

    [Fact]
    public async Task Insert_streams_gzip_compressed_json_each_row()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new Row((ulong)i, $"name-{i}\t\"q\"", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(i)));

        var sent = await Client.InsertAsync(new ClickHouseInsert("events") { Columns = ["id", "name", "at"], LogComment = "ingest" }, rows);

        Assert.Equal(5000, sent);
        var request = _server.Last();
        Assert.Equal("gzip", request.Headers["Content-Encoding"]);
        Assert.Equal(0x1f, request.RawBody[0]);
        Assert.Equal(0x8b, request.RawBody[1]);
        Assert.True(request.RawBody.Length < Encoding.UTF8.GetByteCount(request.Body) / 3);
        Assert.Equal("INSERT INTO `events` (`id`, `name`, `at`) FORMAT JSONEachRow", request.Query["query"]);
        Assert.Equal("best_effort", request.Query["date_time_input_format"]);
        Assert.Equal("ingest", request.Query["log_comment"]);
        Assert.Equal("analytics_db", request.Query["database"]);
        var lines = request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5000, lines.Length);
        Assert.Equal("""{"id":0,"name":"name-0\t\u0022q\u0022","at":"2024-01-01T00:00:00.0000000Z"}""", lines[0]);
        Assert.StartsWith("""{"id":4999,""", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_becomes_ClickHouseException_with_code_message_and_query_id()
    {
        _server.Responder = async (request, ctx) =>
        {
            if (request.Body.StartsWith("CREATE", StringComparison.Ordinal))
            {
                return;
            }

            ctx.Response.StatusCode = 500;
            ctx.Response.Headers["X-ClickHouse-Exception-Code"] = "60";
            ctx.Response.Headers["X-ClickHouse-Query-Id"] = "server-qid";
            await ctx.Response.WriteAsync("Code: 60. DB::Exception: Table default.x does not exist. (UNKNOWN_TABLE) (version 26.5.1.1)\n");
        };

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync("SELECT * FROM x"));

        Assert.Equal(60, error.Code);
        Assert.Equal("Table default.x does not exist. (UNKNOWN_TABLE)", error.Message);
        Assert.Equal("UNKNOWN_TABLE", error.ErrorName);
        Assert.Equal("server-qid", error.QueryId);
    }

    [Fact]
    public async Task Error_code_is_read_from_text_when_header_is_missing()
    {
        _server.Responder = async (request, ctx) =>
        {
            if (!request.Body.StartsWith("CREATE", StringComparison.Ordinal))
            {
                ctx.Response.StatusCode = 400;
                await ctx.Response.WriteAsync("Code: 62. DB::Exception: Syntax error: failed at position 1. (SYNTAX_ERROR) (version 26.5.1.1)");
            }
        };

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => Client.ExecuteAsync("SELEC 1"));

        Assert.Equal(62, error.Code);
        Assert.Equal("SYNTAX_ERROR", error.ErrorName);
        Assert.NotNull(error.QueryId);
    }

    [Fact]
    public async Task Stalled_server_times_out()
    {
        await using var services = Build(queryTimeoutSeconds: 0.5);
        _server.Responder = async (request, ctx) =>
        {
            if (!request.Body.StartsWith("CREATE", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
            }
        };
        var client = services.GetRequiredService<IClickHouseClient>();
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.QueryAsync("SELECT sleep(3)"));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(10));
        Assert.Contains("did not complete", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_timeout()
    {
        _server.Responder = async (request, ctx) =>
        {
            if (!request.Body.StartsWith("CREATE", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted);
            }
        };
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.QueryAsync(new ClickHouseQuery("SELECT 1"), cts.Token));
    }

    private sealed record Row([property: JsonPropertyName("id")] ulong Id, [property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("at")] DateTime At);
}
