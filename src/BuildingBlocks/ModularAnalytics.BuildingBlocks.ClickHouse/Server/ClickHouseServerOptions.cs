using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ModularAnalytics.BuildingBlocks.ClickHouse.Server;

/// <summary>
/// Where and how to reach a ClickHouse server over HTTP. Built from the <c>ClickHouse</c> configuration section:
/// a DSN in <c>Url</c> (<c>http[s]://user:pass@host:port/database</c>) with discrete keys <c>Host</c>, <c>Port</c>,
/// <c>User</c>, <c>Password</c>, <c>Database</c>, <c>Secure</c> overriding its parts, plus <c>ConnectTimeoutSeconds</c>
/// and <c>QueryTimeoutSeconds</c>.
/// </summary>
public sealed record ClickHouseServerOptions
{
    public const int DefaultHttpPort = 8123;
    public const int DefaultHttpsPort = 8443;

    public required string Host { get; init; }

    public required int Port { get; init; }

    public bool Secure { get; init; }

    public string User { get; init; } = "default";

    public string Password { get; init; } = string.Empty;

    /// <summary>The database named by the DSN or <c>ClickHouse:Database</c>, if any.</summary>
    public string? Database { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Insert bodies are gzip-compressed (Content-Encoding: gzip) when true.</summary>
    public bool CompressInserts { get; init; } = true;

    public Uri BaseUri => new UriBuilder(Secure ? Uri.UriSchemeHttps : Uri.UriSchemeHttp, Host, Port, "/").Uri;

    /// <summary>Returns null when neither <c>Url</c> nor <c>Host</c> is configured.</summary>
    public static ClickHouseServerOptions? FromConfiguration(IConfiguration section)
    {
        var url = section["Url"];
        var host = Blank(section["Host"]);
        string? user = null, password = null, database = null;
        int? port = null;
        bool? secure = null;

        if (Blank(url) is { } dsn)
        {
            if (!Uri.TryCreate(dsn, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new InvalidOperationException($"ClickHouse:Url must be an absolute http:// or https:// URL, not '{Redact(dsn)}'.");
            }

            secure = uri.Scheme == Uri.UriSchemeHttps;
            host ??= uri.Host;
            port = ExplicitPort(dsn);
            if (uri.UserInfo.Length > 0)
            {
                var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
                user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
                password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }

            database = Blank(Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')));
        }

        if (host is null)
        {
            return null;
        }

        if (Blank(section["Secure"]) is { } secureText)
        {
            secure = bool.TryParse(secureText, out var s) ? s
                : throw new InvalidOperationException($"ClickHouse:Secure must be true or false, not '{secureText}'.");
        }

        if (Blank(section["Port"]) is { } portText)
        {
            port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p
                : throw new InvalidOperationException($"ClickHouse:Port must be a TCP port number, not '{portText}'.");
        }

        var isSecure = secure ?? false;
        return new ClickHouseServerOptions
        {
            Host = host,
            Port = port ?? (isSecure ? DefaultHttpsPort : DefaultHttpPort),
            Secure = isSecure,
            User = section["User"] ?? user ?? "default",
            Password = section["Password"] ?? password ?? string.Empty,
            Database = Blank(section["Database"]) ?? database,
            ConnectTimeout = Seconds(section, "ConnectTimeoutSeconds") ?? TimeSpan.FromSeconds(10),
            QueryTimeout = Seconds(section, "QueryTimeoutSeconds") ?? TimeSpan.FromMinutes(5),
        };
    }

    private static TimeSpan? Seconds(IConfiguration section, string key) =>
        Blank(section[key]) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
                ? TimeSpan.FromSeconds(s)
                : throw new InvalidOperationException($"ClickHouse:{key} must be a positive number of seconds, not '{text}'.")
            : null;

    // Why by hand: System.Uri reports 80/443 for a DSN without a port, but ClickHouse's defaults are 8123/8443.
    private static int? ExplicitPort(string dsn)
    {
        var authority = dsn[(dsn.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        if (end >= 0)
        {
            authority = authority[..end];
        }

        authority = authority[(authority.LastIndexOf('@') + 1)..];
        var colon = authority.LastIndexOf(':');
        return colon >= 0 && !authority.EndsWith(']') && int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Redact(string dsn) =>
        Uri.TryCreate(dsn, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0 ? dsn.Replace(uri.UserInfo, "***", StringComparison.Ordinal) : dsn;
}
