using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;

namespace ModularAnalytics.BuildingBlocks.Dashboard.Hosting;

/// <summary>
/// The dashboard answers like the API: a missing or foreign resource is a 404 page, a switched-off feature or
/// a dependency that is down a 503 page; everything else goes on to the host's exception handler.
/// </summary>
internal sealed class DashboardExceptionFilter(IModelMetadataProvider metadata) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var (status, title) = context.Exception switch
        {
            NotFoundException => (404, "Not found"),
            ServiceUnavailableException => (503, "Unavailable"),
            _ => (0, string.Empty),
        };
        if (status == 0)
        {
            return;
        }

        var message = status == 404 ? "There is nothing here, or it belongs to another organisation." : context.Exception.Message;
        context.Result = new ViewResult
        {
            ViewName = "/Shared/DashboardError.cshtml",
            StatusCode = status,
            ViewData = new ViewDataDictionary(metadata, context.ModelState) { Model = new DashboardError(title, message) },
        };
        if (status == 503)
        {
            context.HttpContext.Response.Headers.RetryAfter = "30";
        }

        context.ExceptionHandled = true;
    }
}

public sealed record DashboardError(string Title, string Message);
