using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ModularAnalytics.Testing;

namespace ModularAnalytics.Dashboard.Tests.Support;

/// <summary>The whole service on a real Kestrel port (the browser needs one) with a browser to drive it.</summary>
public abstract class KestrelSite : IAsyncLifetime
{
    protected KestrelSite(ServiceFactory factory)
    {
        Factory = factory;
        Factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    public ServiceFactory Factory { get; }

    public string BaseUrl { get; private set; } = string.Empty;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Support.Browser.LaunchAsync(Playwright);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Factory.DisposeAsync();
    }

    protected abstract Task SeedAsync();

    public HttpClient Client(string? bearer = ServiceFactory.AdminToken, string? environmentKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (environmentKey is not null)
        {
            client.DefaultRequestHeaders.Add(ServiceFactory.EnvironmentKeyHeader, environmentKey);
        }
        else if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A fresh browser context (own cookies) at the given viewport, signed out.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
        });
        // The machine is shared with parallel builds: conditions get time to come true, they are never slept on.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string token)
    {
        await page.GotoAsync("/sign-in");
        await page.FillAsync("#token", token);
        await page.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(page.Locator("[data-testid=signed-in-as]")).ToBeVisibleAsync();
    }
}
