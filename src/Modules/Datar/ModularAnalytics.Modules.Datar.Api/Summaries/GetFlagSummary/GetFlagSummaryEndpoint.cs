using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Datar.Application.Summaries.GetFlagSummary;

namespace ModularAnalytics.Modules.Datar.Api.Summaries.GetFlagSummary;

internal sealed class GetFlagSummaryEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/projects/{projectId:int}/datar/flags/{flagId:int}/summary", HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetDatarFlagSummary")
            .WithTags("Datar")
            .Produces<FlagSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(int projectId, int flagId, string? from, string? to, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetFlagSummaryQuery(projectId, flagId, from, to), cancellationToken));
}
