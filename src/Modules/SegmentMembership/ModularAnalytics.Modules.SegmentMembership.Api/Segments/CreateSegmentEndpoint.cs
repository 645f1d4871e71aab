using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.CreateSegment;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Segments;

internal sealed class CreateSegmentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(SegmentRoutes.Segments, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("CreateSegment")
            .WithTags(SegmentRoutes.Tag)
            .Produces<SegmentDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, SegmentRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var segment = await mediator.Send(new CreateSegmentCommand(projectId, request.Name, request.Key, request.Description, request.Rules), cancellationToken);
        return Results.Created($"/api/v1/projects/{projectId}/segments/{segment.Id}", segment);
    }
}
