using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.ListSegments;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Segments;

internal sealed class ListSegmentsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(SegmentRoutes.Segments, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("ListSegments")
            .WithTags(SegmentRoutes.Tag)
            .Produces<IReadOnlyList<SegmentDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new ListSegmentsQuery(projectId), cancellationToken));
}
