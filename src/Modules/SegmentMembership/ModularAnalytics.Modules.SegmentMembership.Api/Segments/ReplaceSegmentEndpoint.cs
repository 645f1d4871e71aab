using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.ReplaceSegment;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Segments;

internal sealed class ReplaceSegmentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut(SegmentRoutes.Segment, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("ReplaceSegment")
            .WithTags(SegmentRoutes.Tag)
            .Produces<SegmentDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int segmentId, SegmentRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        return Results.Ok(await mediator.Send(
            new ReplaceSegmentCommand(projectId, segmentId, request.Name, request.Key, request.Description, request.Rules), cancellationToken));
    }
}
