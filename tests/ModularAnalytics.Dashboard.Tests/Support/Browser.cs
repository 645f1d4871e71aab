using Microsoft.Playwright;

namespace ModularAnalytics.Dashboard.Tests.Support;

/// <summary>Debian's chromium driven by Playwright; its own browser download cannot work here.</summary>
public static class Browser
{
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("MODULARANALYTICS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });

    /// <summary>Where screenshots go: artifacts/dashboard-screenshots under the repository root (gitignored).</summary>
    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    private static string FindScreenshotDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ModularAnalytics.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? AppContext.BaseDirectory;
        var path = Path.Combine(root, "artifacts", "dashboard-screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
