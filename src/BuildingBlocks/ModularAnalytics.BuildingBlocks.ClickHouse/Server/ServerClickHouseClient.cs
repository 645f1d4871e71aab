using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModularAnalytics.BuildingBlocks.ClickHouse.Server;

/// <summary>
/// ClickHouse over its HTTP interface: SQL in the POST body, settings and <c>param_*</c> values as URL parameters,
/// credentials in X-ClickHouse-User/Key headers, gzip both ways.
/// </summary>
internal sealed class ServerClickHouseClient : IClickHouseClient
{
    public const string HttpClientName = "ModularAnalytics.Warehouse.ClickHouse";

    private readonly HttpClient _http;
    private readonly ClickHouseServerOptions _options;
    private readonly Lock _readyGate = new();
    private Task? _databaseReady;

    public ServerClickHouseClient(HttpClient http, ClickHouseServerOptions options, string database)
    {
        ClickHouseSql.ValidateName(database, "database");
        _http = http;
        _options = options;
        Database = database;
    }

    public string Database { get; }

    /// <summary>A handler with the connect timeout and response decompression this transport relies on.</summary>
    public static SocketsHttpHandler CreateHandler(ClickHouseServerOptions options) => new()
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    public async Task<ClickHouseResult> QueryAsync(ClickHouseQuery query, CancellationToken cancellationToken = default)
    {
        await EnsureDatabaseAsync(cancellationToken);
        var (body, queryId) = await SendQueryAsync(query, Database, read: true, cancellationToken);
        try
        {
            return ClickHouseResult.Parse(body, queryId);
        }
        catch (JsonException ex)
        {
            // Why: if the server fails after it started streaming, the status is already 200 and the error is in the body.
            var text = Encoding.UTF8.GetString(body);
            if (ClickHouseException.LooksLikeError(text))
            {
                throw ClickHouseException.Parse(text[text.IndexOf("Code:", StringComparison.Ordinal)..], queryId: queryId);
            }

            throw new ClickHouseException(0, "ClickHouse returned a response that is not JSONCompact.", null, queryId, ex);
        }
    }

    public async Task ExecuteAsync(ClickHouseQuery query, CancellationToken cancellationToken = default)
    {
        await EnsureDatabaseAsync(cancellationToken);
        await SendQueryAsync(query, Database, read: false, cancellationToken);
    }

    public async Task<long> InsertAsync<T>(ClickHouseInsert insert, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        await EnsureDatabaseAsync(cancellationToken);
        var queryId = insert.QueryId ?? Guid.NewGuid().ToString("D");
        var url = new List<KeyValuePair<string, string>>
        {
            new("query", insert.BuildStatement(withSettings: false)),
        };
        AddCommon(url, Database, queryId, insert.EffectiveSettings());
        var content = new JsonEachRowContent<T>(rows, insert.SerializerOptions ?? ClickHouseJson.DefaultSerializerOptions, _options.CompressInserts);
        await SendAsync(url, content, queryId, cancellationToken);
        return content.RowCount;
    }

    private async Task<(byte[] Body, string QueryId)> SendQueryAsync(ClickHouseQuery query, string? database, bool read, CancellationToken cancellationToken)
    {
        var queryId = query.QueryId ?? Guid.NewGuid().ToString("D");
        var url = new List<KeyValuePair<string, string>>
        {
            new("default_format", "JSONCompact"),
            // Why: buffer the result so an error is reported with a failing status, not mid-stream after a 200.
            new("wait_end_of_query", "1"),
        };
        AddCommon(url, database, queryId, query.EffectiveSettings(read));
        foreach (var p in query.Parameters)
        {
            ClickHouseSql.ValidateName(p.Key, "parameter");
            url.Add(new("param_" + p.Key, ClickHouseParameterFormatter.Format(p.Value)));
        }

        var content = new StringContent(query.Sql, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        var body = await SendAsync(url, content, queryId, cancellationToken);
        return (body, queryId);
    }

    private static void AddCommon(List<KeyValuePair<string, string>> url, string? database, string queryId, IEnumerable<KeyValuePair<string, string>> settings)
    {
        if (database is not null)
        {
            url.Add(new("database", database));
        }

        url.Add(new("query_id", queryId));
        url.Add(new("enable_http_compression", "1"));
        url.AddRange(settings);
    }

    private async Task<byte[]> SendAsync(List<KeyValuePair<string, string>> url, HttpContent content, string queryId, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.QueryTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, BuildUri(url)) { Content = content };
        request.Headers.Add("X-ClickHouse-User", _options.User);
        if (_options.Password.Length > 0)
        {
            request.Headers.Add("X-ClickHouse-Key", _options.Password);
        }

        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            int? code = response.Headers.TryGetValues("X-ClickHouse-Exception-Code", out var values)
                && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) ? c : null;
            var serverQueryId = response.Headers.TryGetValues("X-ClickHouse-Query-Id", out var ids) ? ids.FirstOrDefault() : null;
            var text = Encoding.UTF8.GetString(body);
            if (text.Length == 0)
            {
                text = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }

            throw ClickHouseException.Parse(text, code, serverQueryId ?? queryId);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"ClickHouse query {queryId} did not complete within {_options.QueryTimeout}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ClickHouseException(0, $"ClickHouse at {_options.BaseUri} could not be reached: {ex.Message}", null, queryId, ex);
        }
    }

    private Uri BuildUri(List<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return new Uri(_options.BaseUri, "?" + query);
    }

    private Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_readyGate)
        {
            if (_databaseReady is null || _databaseReady.IsFaulted || _databaseReady.IsCanceled)
            {
                var create = new ClickHouseQuery($"CREATE DATABASE IF NOT EXISTS {ClickHouseSql.Identifier(Database)}");
                _databaseReady = SendQueryAsync(create, database: null, read: false, CancellationToken.None);
            }

            ready = _databaseReady;
        }

        return ready.IsCompletedSuccessfully ? ready : ready.WaitAsync(cancellationToken);
    }

    /// <summary>Streams rows as JSON lines, optionally gzip-compressed, without buffering the batch.</summary>
    private sealed class JsonEachRowContent<T> : HttpContent
    {
        private readonly IAsyncEnumerable<T> _rows;
        private readonly JsonSerializerOptions _serializerOptions;
        private const int FlushThreshold = 256 * 1024;
        private readonly bool _compress;

        public JsonEachRowContent(IAsyncEnumerable<T> rows, JsonSerializerOptions serializerOptions, bool compress)
        {
            _rows = rows;
            _serializerOptions = serializerOptions;
            _compress = compress;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            if (compress)
            {
                Headers.ContentEncoding.Add("gzip");
            }
        }

        public long RowCount { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var target = _compress ? new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true) : stream;
            try
            {
                // Why a buffer: one network/gzip write per 256 KiB instead of per row keeps 100k-row batches cheap.
                var buffer = new ArrayBufferWriter<byte>(FlushThreshold + 4096);
                await using (var writer = new Utf8JsonWriter(buffer))
                {
                    await foreach (var row in _rows.WithCancellation(cancellationToken))
                    {
                        JsonSerializer.Serialize(writer, row, _serializerOptions);
                        writer.Flush();
                        writer.Reset();
                        buffer.Write("\n"u8);
                        RowCount++;
                        if (buffer.WrittenCount >= FlushThreshold)
                        {
                            await target.WriteAsync(buffer.WrittenMemory, cancellationToken);
                            buffer.ResetWrittenCount();
                        }
                    }
                }

                await target.WriteAsync(buffer.WrittenMemory, cancellationToken);
            }
            finally
            {
                if (_compress)
                {
                    await target.DisposeAsync();
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
