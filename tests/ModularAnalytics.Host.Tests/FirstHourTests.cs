using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularAnalytics.Testing;
using ModularAnalytics.Testing.Http;
using Xunit;

namespace ModularAnalytics.Host.Tests;

/// <summary>What a newcomer meets first: the generated admin token, private files, one timestamp format, clear 400s.</summary>
public sealed partial class FirstHourTests
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Without_a_configured_token_one_is_generated_at_start_up_into_a_private_data_directory()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = new ServiceFactory(TestDatabase.Sqlite);
        var data = Path.Combine(factory.DataDirectory, "fresh");
        factory.WithSetting("Auth:AdminToken", string.Empty)
            .WithSetting("Storage:DataDirectory", data)
            .WithServices(s => s.AddSingleton<ILoggerProvider>(logs));

        _ = factory.Services;

        // Started, no request yet: the token is already there, and the log says where at Information.
        var tokenFile = Path.Combine(data, "admin-token");
        Assert.True(File.Exists(tokenFile));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(tokenFile, StringComparison.Ordinal));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(data));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(tokenFile));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(data, "modularanalytics.db")));
        Assert.Empty(Directory.GetFiles(data, "*.tmp"));

        var token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        Assert.Matches("^[0-9a-f]{64}$", token);
        using var admin = factory.CreateBearerClient(token);
        var created = await admin.PostAsJsonAsync(new Uri("/api/v1/organisations", UriKind.Relative), new { name = "First" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var wrong = factory.CreateBearerClient(token[..^1] + (token[^1] == '0' ? '1' : '0'));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsJsonAsync(new Uri("/api/v1/organisations", UriKind.Relative), new { name = "No" })).StatusCode);
    }

    [Fact]
    public void Every_timestamp_is_written_as_rfc_3339_utc_with_a_z()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite);
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var instant = new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.FromHours(2));

        var json = JsonSerializer.SerializeToElement(new Stamps(
            instant,
            instant.AddTicks(4_720_000),
            new DateTime(2026, 11, 21, 13, 0, 0, DateTimeKind.Utc),
            new DateTime(2026, 11, 21, 13, 0, 0, DateTimeKind.Unspecified),
            instant,
            null), options);

        Assert.Equal("2026-11-21T13:00:00Z", json.GetProperty("offset").GetString());
        Assert.Equal("2026-11-21T13:00:00.472Z", json.GetProperty("fraction").GetString());
        Assert.Equal("2026-11-21T13:00:00Z", json.GetProperty("utc").GetString());
        Assert.Equal("2026-11-21T13:00:00Z", json.GetProperty("unspecified").GetString());
        Assert.Equal("2026-11-21T13:00:00Z", json.GetProperty("nullable").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("missing").ValueKind);
        foreach (var property in json.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            Assert.Matches(Rfc3339Utc(), property.Value.GetString()!);
        }

        var read = JsonSerializer.Deserialize<Stamps>("""{"offset":"2026-11-21T15:00:00+02:00","utc":"2026-11-21T13:00:00","unspecified":"2026-11-21T13:00:00Z"}""", options)!;
        Assert.Equal(instant, read.Offset);
        Assert.Equal(DateTimeKind.Utc, read.Utc.Kind);
        Assert.Equal(new DateTime(2026, 11, 21, 13, 0, 0, DateTimeKind.Utc), read.Utc);
    }

    [Theory]
    [InlineData("""{"name":"\ud800"}""", "name")]
    [InlineData("""{"name":"ok","\udc00":1}""", "\\udc00")]
    public async Task A_lone_surrogate_in_a_body_is_a_400_naming_the_field(string json, string field)
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite);
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsync(new Uri("/api/v1/organisations", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        var errors = await response.AssertValidationProblemAsync();
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public async Task Invalid_utf8_deep_in_a_body_is_a_400_naming_the_path()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite);
        using var admin = factory.CreateAdminClient();
        var organisation = await (await admin.PostAsJsonAsync(new Uri("/api/v1/organisations", UriKind.Relative), new { name = "Utf8" })).Content.ReadFromJsonAsync<JsonElement>();
        var project = await (await admin.PostAsJsonAsync(new Uri("/api/v1/projects", UriKind.Relative), new { organisationId = organisation.GetProperty("id").GetInt32(), name = "P" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        byte[] body = [.. """{"key":"f","variants":[{"key":"a"},{"key":"""u8, 0x22, 0xC3, 0x28, 0x22, .. "}]}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await admin.PostAsync(new Uri($"/api/v1/projects/{project.GetProperty("id").GetInt32()}/flags", UriKind.Relative), content);

        Assert.Equal(["variants[1].key"], (await response.AssertValidationProblemAsync()).Keys);
    }

    [Fact]
    public async Task A_query_value_that_does_not_bind_is_a_400_with_the_errors_map()
    {
        using var factory = new ServiceFactory(TestDatabase.Sqlite);
        using var admin = factory.CreateAdminClient();

        var response = await admin.GetAsync(new Uri("/api/v1/projects/1/segments/1/members?environmentId=abc", UriKind.Relative));

        Assert.Equal(["environmentId"], (await response.AssertValidationProblemAsync()).Keys);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex Rfc3339Utc();

    private sealed record Stamps(DateTimeOffset Offset, DateTimeOffset Fraction, DateTime Utc, DateTime Unspecified, DateTimeOffset? Nullable, DateTime? Missing);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
