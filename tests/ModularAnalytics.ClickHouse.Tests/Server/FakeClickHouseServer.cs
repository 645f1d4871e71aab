using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ModularAnalytics.ClickHouse.Tests.Server;

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, byte[] RawBody, string Body);

/// <summary>
/// An in-process HTTP listener on 127.0.0.1 that records each request (body gunzipped when Content-Encoding is gzip)
/// and answers with whatever the test's responder writes, in ClickHouse's shapes.
/// </summary>
internal sealed class FakeClickHouseServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeClickHouseServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Func<RecordedRequest, HttpContext, Task> Responder { get; set; } = (_, ctx) => ctx.Response.WriteAsync("");

    public Uri Url => new(_app.Urls.First());

    public static async Task<FakeClickHouseServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeClickHouseServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public RecordedRequest Last(Func<RecordedRequest, bool>? where = null) =>
        Requests.Last(r => where is null || where(r));

    private async Task HandleAsync(HttpContext context)
    {
        using var raw = new MemoryStream();
        await context.Request.Body.CopyToAsync(raw, context.RequestAborted);
        var rawBody = raw.ToArray();
        var body = rawBody;
        if (context.Request.Headers.ContentEncoding.ToString() == "gzip")
        {
            await using var gunzip = new GZipStream(new MemoryStream(rawBody), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await gunzip.CopyToAsync(plain, context.RequestAborted);
            body = plain.ToArray();
        }

        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path,
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            rawBody,
            System.Text.Encoding.UTF8.GetString(body));
        Requests.Enqueue(request);
        await Responder(request, context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
