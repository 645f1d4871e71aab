using Microsoft.Extensions.Configuration;
using ModularAnalytics.BuildingBlocks.ClickHouse.Server;

namespace ModularAnalytics.ClickHouse.Tests.Server;

public sealed class ServerOptionsTests
{
    private static ClickHouseServerOptions? Parse(params (string Key, string Value)[] settings) =>
        ClickHouseServerOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void Dsn_without_port_uses_clickhouse_default_ports()
    {
        var http = Parse(("Url", "http://ch.internal"))!;
        var https = Parse(("Url", "https://ch.internal/"))!;

        Assert.Equal((8123, false, "default", "", null), (http.Port, http.Secure, http.User, http.Password, http.Database));
        Assert.Equal(new Uri("http://ch.internal:8123/"), http.BaseUri);
        Assert.Equal((8443, true), (https.Port, https.Secure));
        Assert.Equal(new Uri("https://ch.internal:8443/"), https.BaseUri);
    }

    [Fact]
    public void Dsn_parts_are_read_and_unescaped()
    {
        var o = Parse(("Url", "https://svc%40corp:p%3Aw%2Fd@ch.example.com:443/warehouse"))!;

        Assert.Equal(("ch.example.com", 443, true, "svc@corp", "p:w/d", "warehouse"), (o.Host, o.Port, o.Secure, o.User, o.Password, o.Database));
    }

    [Fact]
    public void Discrete_keys_override_the_dsn()
    {
        var o = Parse(
            ("Url", "http://u:p@a:1111/d1"), ("Host", "b"), ("Port", "2222"), ("User", "u2"), ("Password", "p2"),
            ("Database", "d2"), ("Secure", "true"), ("ConnectTimeoutSeconds", "3"), ("QueryTimeoutSeconds", "1.5"))!;

        Assert.Equal(("b", 2222, true, "u2", "p2", "d2"), (o.Host, o.Port, o.Secure, o.User, o.Password, o.Database));
        Assert.Equal(new Uri("https://b:2222/"), o.BaseUri);
        Assert.Equal(TimeSpan.FromSeconds(3), o.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1.5), o.QueryTimeout);
    }

    [Fact]
    public void Host_without_dsn_and_secure_flag_defaults_to_8443()
    {
        var o = Parse(("Host", "h"), ("Secure", "True"))!;

        Assert.Equal(new Uri("https://h:8443/"), o.BaseUri);
        Assert.Equal(TimeSpan.FromSeconds(10), o.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), o.QueryTimeout);
    }

    [Fact]
    public void Missing_host_yields_null_and_bad_values_fail_clearly()
    {
        Assert.Null(Parse());
        Assert.Contains("ClickHouse:Url", Assert.Throws<InvalidOperationException>(() => Parse(("Url", "tcp://h:9000"))).Message, StringComparison.Ordinal);
        Assert.Contains("ClickHouse:Port", Assert.Throws<InvalidOperationException>(() => Parse(("Host", "h"), ("Port", "x"))).Message, StringComparison.Ordinal);
        Assert.Contains("ClickHouse:Secure", Assert.Throws<InvalidOperationException>(() => Parse(("Host", "h"), ("Secure", "yes"))).Message, StringComparison.Ordinal);
        var redacted = Assert.Throws<InvalidOperationException>(() => Parse(("Url", "ftp://user:secret@h"))).Message;
        Assert.DoesNotContain("secret", redacted, StringComparison.Ordinal);
    }
}
