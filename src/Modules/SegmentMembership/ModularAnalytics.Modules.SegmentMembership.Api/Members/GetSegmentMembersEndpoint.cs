using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Members;
using ModularAnalytics.Modules.SegmentMembership.Application.Members.GetSegmentMembers;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Members;

internal sealed class GetSegmentMembersEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(SegmentRoutes.Members, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetSegmentMembers")
            .WithTags(SegmentRoutes.Tag)
            .Produces<SegmentMembersDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(
        int projectId, int segmentId, int? environmentId, int? limit, string? cursor, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetSegmentMembersQuery(projectId, segmentId, environmentId, limit, cursor), cancellationToken));
}
