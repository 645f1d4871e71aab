using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.GetSegment;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Segments;

internal sealed class GetSegmentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(SegmentRoutes.Segment, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetSegment")
            .WithTags(SegmentRoutes.Tag)
            .Produces<SegmentDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int segmentId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetSegmentQuery(projectId, segmentId), cancellationToken));
}
