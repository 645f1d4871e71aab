using ModularAnalytics.Dashboard.Tests.Support;
using ModularAnalytics.Testing;
using static Microsoft.Playwright.Assertions;

namespace ModularAnalytics.Dashboard.Tests;

/// <summary>A host without Datar among its recorders (and no warehouse): the traffic pages say so plainly.</summary>
public sealed class DatarOffTests(DatarOffTests.Site site) : IClassFixture<DatarOffTests.Site>
{
    [Fact]
    public async Task The_traffic_pages_say_Datar_is_off()
    {
        var page = await site.NewPageAsync();
        await KestrelSite.SignInAsync(page, ServiceFactory.AdminToken);
        await page.GotoAsync($"/projects/{site.Project}");
        await Expect(page.Locator("[data-testid=traffic-section] [data-testid=datar-off]")).ToContainTextAsync("Datar is off");

        var response = await page.GotoAsync($"/projects/{site.Project}/traffic");
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("[data-testid=datar-off]")).ToContainTextAsync("Recorder:Enabled=true");
        await Browser.ScreenshotAsync(page, "10-datar-off");

        Assert.Equal(404, (await page.GotoAsync($"/projects/{site.Project + 1}/traffic"))!.Status);
        await page.Context.CloseAsync();
    }

    public sealed class Site() : KestrelSite(new ServiceFactory(TestDatabase.Sqlite))
    {
        public int Project { get; private set; }

        protected override async Task SeedAsync()
        {
            using var admin = Client();
            var organisation = await PostAsync(admin, "/api/v1/organisations", new { name = "Initech" });
            Project = (await PostAsync(admin, "/api/v1/projects", new { organisationId = organisation.GetProperty("id").GetInt32(), name = "Reports" }))
                .GetProperty("id").GetInt32();
        }
    }
}
