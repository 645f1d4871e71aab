using System.Globalization;
using Microsoft.Playwright;
using ModularAnalytics.Dashboard.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ModularAnalytics.Dashboard.Tests;

/// <summary>The dashboard in a real chromium against a seeded service: what a person signing in would see.</summary>
public sealed class DashboardTests(SeededSite site) : IClassFixture<SeededSite>
{
    [Fact]
    public async Task Sign_in_keeps_the_token_out_of_pages_urls_and_cookies_and_lists_only_the_organisations_projects()
    {
        var page = await site.NewPageAsync();
        var redirected = await page.GotoAsync("/");
        Assert.EndsWith("/sign-in?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, redirected!.Status);
        await Browser.ScreenshotAsync(page, "01-sign-in");

        await page.FillAsync("#token", "not-a-token");
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.Locator("[data-testid=sign-in-error]")).ToBeVisibleAsync();

        await KestrelSite.SignInAsync(page, site.AcmeToken);
        Assert.Equal(site.BaseUrl + "/", page.Url);
        var headers = await (await page.ReloadAsync())!.AllHeadersAsync();
        Assert.StartsWith("default-src 'none'; script-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("organisation #1");
        var projects = page.Locator("[data-testid=projects] tbody tr");
        await Expect(projects).ToHaveCountAsync(1);
        await Expect(projects).ToContainTextAsync("Web shop");
        await Browser.ScreenshotAsync(page, "02-projects");

        Assert.DoesNotContain(site.AcmeToken, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(site.AcmeToken, page.Url, StringComparison.Ordinal);
        var session = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "ma_dashboard");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.DoesNotContain(site.AcmeToken, session.Value, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_sees_every_organisations_projects()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, Testing.ServiceFactory.AdminToken);
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync("admin (every organisation)");
        await Expect(page.Locator("[data-testid=projects] tbody tr")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Project_overview_lists_environments_flags_and_the_modules_sections()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        await page.ClickAsync("text=Web shop");
        await Expect(page.Locator("[data-testid=project-name]")).ToHaveTextAsync("Web shop");
        await Expect(page.Locator("[data-testid=environments] li")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=flags] li")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=segments-section] li")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=traffic-link]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "03-project-overview");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Segments_table_shows_exact_counts_per_environment_and_the_segment_page_its_rules_and_members()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        await page.GotoAsync($"/projects/{site.AcmeProject}/segments");

        Assert.Equal("3", await CountCell(page, site.ProSegment, site.Production));
        Assert.Equal("1", await CountCell(page, site.ProSegment, site.Staging));
        Assert.Equal("2", await CountCell(page, site.DutchSegment, site.Production));
        Assert.Equal("1", await CountCell(page, site.DutchSegment, site.Staging));
        Assert.Equal("ok", await page.Locator($"tr[data-segment='{site.ProSegment}'] [data-testid=state]").InnerTextAsync());
        await Browser.ScreenshotAsync(page, "04-segments");

        await page.ClickAsync("text=Dutch users");
        await Expect(page.Locator("[data-testid=segment-name]")).ToHaveTextAsync("Dutch users");
        await Expect(page.Locator("[data-testid=rules]")).ToContainTextAsync("any of:");
        await Expect(page.Locator("[data-testid=rules]")).ToContainTextAsync("country = NL");
        var members = page.Locator("[data-testid=members] tbody tr");
        await Expect(members).ToHaveCountAsync(2);
        await Expect(members.Nth(0)).ToContainTextAsync("u1");
        await Expect(members.Nth(1)).ToContainTextAsync("u3");
        await Expect(members.Nth(0)).ToContainTextAsync("‹environment key›_u1");
        Assert.DoesNotContain(site.ProductionKey, await page.ContentAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(page, "05-segment");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Refresh_now_recounts_and_the_page_shows_the_new_last_synced_time()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        await page.GotoAsync($"/projects/{site.AcmeProject}/segments");
        var shown = page.Locator("[data-testid=last-synced] time");

        // A recount scheduled by an earlier change may still land after the page was served: wait until the page
        // shows what the store holds, so the time compared below is the one before this test's refresh.
        var settled = DateTime.UtcNow.AddSeconds(60);
        string? before;
        while ((before = await shown.GetAttributeAsync("datetime")) != Iso(await site.LastSyncedAsync()))
        {
            Assert.True(DateTime.UtcNow < settled, "The segments page never showed the stored last-synced time.");
            await page.ReloadAsync();
        }

        await page.ClickAsync("[data-testid=refresh-segments]");
        await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("Refresh requested");
        Assert.EndsWith("?refresh=requested", page.Url, StringComparison.Ordinal);

        await ReloadUntilChangedAsync(page, shown, before, "The segments page never showed a newer last-synced time.");

        Assert.Equal(Iso(await site.LastSyncedAsync()), await shown.GetAttributeAsync("datetime"));
        Assert.Equal("3", await CountCell(page, site.ProSegment, site.Production));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Flag_traffic_lists_flags_by_count_and_the_flag_page_charts_every_day_of_the_window()
    {
        var page = await site.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        await page.GotoAsync($"/projects/{site.AcmeProject}");
        await page.ClickAsync("[data-testid=traffic-link]");
        await Expect(page.Locator("[data-testid=window]")).ToHaveValueAsync("7");
        var rows = page.Locator("[data-testid=flag-traffic] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0).Locator("[data-testid=eval-count]")).ToHaveTextAsync("6");
        await Expect(rows.Nth(0)).ToContainTextAsync("checkout");
        await Expect(rows.Nth(1).Locator("[data-testid=eval-count]")).ToHaveTextAsync("3");
        await Browser.ScreenshotAsync(page, "06-traffic");

        await page.ClickAsync("text=checkout");
        await Expect(page.Locator("[data-testid=flag-key]")).ToHaveTextAsync("checkout");
        await Expect(page.Locator("[data-testid=flag-total]")).ToHaveTextAsync("6");
        var variants = page.Locator("[data-testid=traffic-by-variant] tbody tr");
        await Expect(variants).ToHaveCountAsync(2);
        await Expect(variants.Nth(0)).ToHaveTextAsync("control4");
        await Expect(variants.Nth(1)).ToHaveTextAsync("treatment2");
        await Expect(page.Locator("[data-testid=traffic-by-segment] tbody tr")).ToHaveTextAsync($"#{site.ProSegment}2");

        var chart = page.Locator("#traffic-by-day");
        await Expect(chart).ToHaveAttributeAsync("data-chart-ready", "true");
        Assert.Empty(consoleErrors);
        var days = await page.Locator("[data-testid=traffic-by-day] tbody tr").CountAsync();
        Assert.InRange(days, 7, 8);
        Assert.Equal(days, await page.EvaluateAsync<int>("() => Chart.getChart('traffic-by-day').data.labels.length"));
        Assert.Equal(6, await page.EvaluateAsync<int>("() => Chart.getChart('traffic-by-day').data.datasets[0].data.reduce((a, b) => a + b, 0)"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(today, await page.EvaluateAsync<string>("() => Chart.getChart('traffic-by-day').data.labels.at(-1)"));
        await Browser.ScreenshotAsync(page, "07-flag-traffic");

        await page.SetViewportSizeAsync(390, 844);
        await Expect(chart).ToBeVisibleAsync();
        var width = await chart.EvaluateAsync<double>("c => c.getBoundingClientRect().width");
        Assert.InRange(width, 200, 390);
        await Browser.ScreenshotAsync(page, "08-flag-traffic-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_organisations_pages_answer_404()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        foreach (var path in new[]
                 {
                     $"/projects/{site.GlobexProject}",
                     $"/projects/{site.GlobexProject}/segments",
                     $"/projects/{site.GlobexProject}/traffic",
                     $"/projects/{site.GlobexProject}/traffic/flags/{site.GlobexFlag}",
                     $"/projects/{site.AcmeProject}/traffic/flags/{site.GlobexFlag}",
                     $"/projects/{site.GlobexProject}/experiments",
                     $"/projects/{site.AcmeProject}/experiments/{site.RunningExperiment + 100}",
                 })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response!.Status == 404, $"{path}: {response.Status}");
            Assert.Contains("no-store", (await response.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
            await Expect(page.Locator("[data-testid=error-message]")).ToBeVisibleAsync();
            Assert.DoesNotContain("Globex", await page.ContentAsync(), StringComparison.Ordinal);
        }

        await Browser.ScreenshotAsync(page, "09-not-found");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Forms_without_the_anti_forgery_token_are_refused()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        var response = await page.Context.APIRequest.PostAsync(
            $"/projects/{site.AcmeProject}/segments?handler=Refresh", new APIRequestContextOptions { Form = page.Context.APIRequest.CreateFormData() });
        Assert.Equal(400, response.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        await page.GotoAsync($"/projects/{site.AcmeProject}");
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync("**/sign-in");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "ma_dashboard");

        await page.GotoAsync($"/projects/{site.AcmeProject}");
        Assert.Contains("/sign-in?ReturnUrl=", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Experiments_list_their_status_and_the_experiment_page_charts_one_point_per_bucket_with_the_srm_badge()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        await page.GotoAsync($"/projects/{site.AcmeProject}");
        await Expect(page.Locator("[data-testid=experiments-section] li")).ToHaveCountAsync(2);
        await page.ClickAsync("[data-testid=experiments-link]");
        await Expect(page.Locator($"tr[data-experiment='{site.RunningExperiment}'] [data-testid=status]")).ToHaveTextAsync("running");
        await Expect(page.Locator($"tr[data-experiment='{site.EndedExperiment}'] [data-testid=status]")).ToHaveTextAsync("final");
        await Browser.ScreenshotAsync(page, "11-experiments");

        await page.ClickAsync("text=Checkout test");
        var api = (await site.ExposuresAsync(site.RunningExperiment)).GetProperty("payload");
        var buckets = api.GetProperty("timeseries").GetArrayLength();
        Assert.Equal("hour", api.GetProperty("granularity").GetString());
        Assert.InRange(buckets, 3, 5);
        await Expect(page.Locator("#exposures-chart")).ToHaveAttributeAsync("data-chart-ready", "true");
        Assert.Equal(buckets, await page.EvaluateAsync<int>("() => Chart.getChart('exposures-chart').data.labels.length"));
        Assert.Equal(new[] { "control", "treatment" }, await page.EvaluateAsync<string[]>("() => Chart.getChart('exposures-chart').data.datasets.map(d => d.label)"));
        Assert.Equal(new[] { buckets, buckets }, await page.EvaluateAsync<int[]>("() => Chart.getChart('exposures-chart').data.datasets.map(d => d.data.length)"));
        Assert.Equal(new[] { 70, 30 }, await page.EvaluateAsync<int[]>("() => Chart.getChart('exposures-chart').data.datasets.map(d => d.data.at(-1))"));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => Chart.getChart('multiple-chart').data.datasets[0].data.at(-1)"));

        await Expect(page.Locator("[data-testid=srm-badge]")).ToHaveTextAsync("mismatch");
        var p = api.GetProperty("sampleRatioMismatch").GetProperty("pValue").GetDouble();
        Assert.True(p < 0.001, $"p = {p}");
        await Expect(page.Locator("[data-testid=srm-p-value]")).ToHaveTextAsync(p.ToString("0.00E+0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("tr[data-variant='control'] [data-testid=observed]")).ToHaveTextAsync("70");
        await Expect(page.Locator("tr[data-variant='control'] [data-testid=expected]")).ToHaveTextAsync("50.0");
        await Expect(page.Locator("tr[data-variant='treatment'] [data-testid=observed]")).ToHaveTextAsync("30");
        await Expect(page.Locator("tr[data-variant='$multiple'] [data-testid=observed]")).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-testid=total]")).ToHaveTextAsync("102");
        await Expect(page.Locator("[data-testid=last-error]")).ToHaveTextAsync("none");
        await Browser.ScreenshotAsync(page, "12-experiment");

        await page.SetViewportSizeAsync(390, 844);
        await Browser.ScreenshotAsync(page, "13-experiment-phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Refreshing_an_experiment_shows_the_new_as_of_time()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, site.AcmeToken);
        await page.GotoAsync($"/projects/{site.AcmeProject}/experiments/{site.RunningExperiment}");
        var shown = page.Locator("[data-testid=as-of] time");
        var before = await shown.GetAttributeAsync("datetime");

        await page.ClickAsync("[data-testid=refresh-exposures]");
        await Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("Refresh requested");
        await ReloadUntilChangedAsync(page, shown, before, "The experiment page never showed a newer as-of time.");

        var api = (await site.ExposuresAsync(site.RunningExperiment)).GetProperty("asOf").GetDateTime();
        Assert.Equal(Iso(api), await shown.GetAttributeAsync("datetime"));
        await page.Context.CloseAsync();
    }

    /// <summary>Reloads the page until the time element's instant differs from <paramref name="before"/>.</summary>
    private static async Task ReloadUntilChangedAsync(IPage page, ILocator time, string? before, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await time.GetAttributeAsync("datetime") == before)
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await page.ReloadAsync();
        }
    }

    private static Task<string> CountCell(IPage page, int segment, int environment) =>
        page.Locator($"tr[data-segment='{segment}'] td[data-environment='{environment}'] [data-testid=count]").InnerTextAsync();

    private static string Iso(DateTime instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
