using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.DeleteSegment;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Segments;

internal sealed class DeleteSegmentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete(SegmentRoutes.Segment, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("DeleteSegment")
            .WithTags(SegmentRoutes.Tag)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int segmentId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteSegmentCommand(projectId, segmentId), cancellationToken);
        return Results.NoContent();
    }
}
