using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
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

    private static async Task<IResult> HandleAsync(
        int projectId, string? from, string? to, string? limit, string? offset, IMediator mediator, CancellationToken cancellationToken)
    {
        var query = new GetProjectSummaryQuery(projectId, from, to, QueryNumber.Parse(limit, "limit", 100), QueryNumber.Parse(offset, "offset", 0));
        return Results.Ok(await mediator.Send(query, cancellationToken));
    }
}
