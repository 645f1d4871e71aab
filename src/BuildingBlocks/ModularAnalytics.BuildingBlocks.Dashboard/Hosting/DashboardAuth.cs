namespace ModularAnalytics.BuildingBlocks.Dashboard.Hosting;

public static class DashboardAuth
{
    /// <summary>The cookie session scheme; the API never reads it, so a browser session cannot drive the API.</summary>
    public const string Scheme = "Dashboard";

    public const string Policy = "dashboard";

    public const string SignInPath = "/sign-in";

    public const string SignOutPath = "/sign-out";
}
