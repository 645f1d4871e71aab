using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Datar.Application.Summaries.GetProjectSummary;

namespace ModularAnalytics.Modules.Datar.Api.Summaries.GetProjectSummary;

internal sealed class GetProjectSummaryEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/projects/{projectId:int}/datar/summary", HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetDatarProjectSummary")
            .WithTags("Datar")
            .Produces<ProjectSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    // limit and offset arrive as text so that "abc" is a 400 naming the field rather than a binding failure.
    private static async Task<IResult> HandleAsync(
        int projectId, string? from, string? to, string? limit, string? offset, IMediator mediator, CancellationToken cancellationToken)
    {
        var query = new GetProjectSummaryQuery(projectId, from, to, ParseInt(limit, "limit", 100), ParseInt(offset, "offset", 0));
        return Results.Ok(await mediator.Send(query, cancellationToken));
    }

    private static int ParseInt(string? value, string field, int defaultValue) =>
        string.IsNullOrEmpty(value) ? defaultValue
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw RequestValidationException.For(field, $"{field} is a whole number.");
}
