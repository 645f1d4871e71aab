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
            .WithDescription(
                "Traffic of one flag in the window (default: the last 7 days) by variant, by segment and by UTC day. " +
                "trafficBySegment holds only the segmentLimit busiest segments (default 100, at most 1000); " +
                "the remaining segments are left out, not summed into another entry, and segment 0 (none matched) is never listed.")
            .Produces<FlagSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(
        int projectId, int flagId, string? from, string? to, string? segmentLimit, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(
            new GetFlagSummaryQuery(projectId, flagId, from, to, QueryNumber.Parse(segmentLimit, "segmentLimit", 100)), cancellationToken));
}
