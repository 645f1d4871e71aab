using Microsoft.AspNetCore.Mvc.Filters;

namespace ModularAnalytics.BuildingBlocks.Dashboard.Hosting;

/// <summary>
/// Dashboard pages load only the host's own script and style, cannot be framed, and hold organisation data that
/// no cache should keep. Registered on MVC, so it reaches the pages (error pages too) and never the JSON API.
/// </summary>
internal sealed class DashboardHeadersFilter : IAlwaysRunResultFilter
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
