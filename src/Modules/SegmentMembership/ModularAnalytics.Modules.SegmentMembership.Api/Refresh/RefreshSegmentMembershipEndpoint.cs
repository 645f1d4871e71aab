using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh.RequestSegmentMembershipRefresh;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Refresh;

internal sealed class RefreshSegmentMembershipEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(SegmentRoutes.Refresh, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("RefreshSegmentMembership")
            .WithTags(SegmentRoutes.Tag)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(int projectId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new RequestSegmentMembershipRefreshCommand(projectId), cancellationToken);
        return Results.Accepted();
    }
}
