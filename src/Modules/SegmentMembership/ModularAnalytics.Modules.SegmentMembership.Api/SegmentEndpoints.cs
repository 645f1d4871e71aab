using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.SegmentMembership.Application.Identities;
using ModularAnalytics.Modules.SegmentMembership.Application.Members;
using ModularAnalytics.Modules.SegmentMembership.Application.Refresh;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Api;

internal static class SegmentRoutes
{
    public const string Tag = "SegmentMembership";
    public const string Segments = "/api/v1/projects/{projectId:int}/segments";
    public const string Segment = Segments + "/{segmentId:int}";
    public const string Members = Segment + "/members";
    public const string Refresh = "/api/v1/projects/{projectId:int}/segment-membership/refresh";
    public const string BulkIdentities = "/api/v1/identities/bulk";

    /// <summary>Bodies bind as optional so an empty one gets the contract's 400 with an errors map.</summary>
    public static T Required<T>(T? body)
        where T : class =>
        body ?? throw RequestValidationException.For("body", "A JSON request body is required.");
}

// Defaults mark the contract's optional fields, which keeps them out of the OpenAPI `required` list.
internal sealed record SegmentRequest(string? Name, JsonElement? Rules, string? Key = null, string? Description = null);

internal sealed record BulkIdentitiesRequest(IReadOnlyList<IdentityInput?>? Identities);

internal sealed class SegmentEndpoints : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost(SegmentRoutes.Segments, CreateAsync)
            .RequireAuthorization(AuthPolicies.Management).WithName("CreateSegment").WithTags(SegmentRoutes.Tag)
            .Produces<SegmentDto>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet(SegmentRoutes.Segments, ListAsync)
            .RequireAuthorization(AuthPolicies.Management).WithName("ListSegments").WithTags(SegmentRoutes.Tag)
            .Produces<IReadOnlyList<SegmentDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet(SegmentRoutes.Segment, GetAsync)
            .RequireAuthorization(AuthPolicies.Management).WithName("GetSegment").WithTags(SegmentRoutes.Tag)
            .Produces<SegmentDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPut(SegmentRoutes.Segment, ReplaceAsync)
            .RequireAuthorization(AuthPolicies.Management).WithName("ReplaceSegment").WithTags(SegmentRoutes.Tag)
            .Produces<SegmentDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapDelete(SegmentRoutes.Segment, DeleteAsync)
            .RequireAuthorization(AuthPolicies.Management).WithName("DeleteSegment").WithTags(SegmentRoutes.Tag)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet(SegmentRoutes.Members, MembersAsync)
            .RequireAuthorization(AuthPolicies.Management).WithName("GetSegmentMembers").WithTags(SegmentRoutes.Tag)
            .Produces<SegmentMembersDto>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost(SegmentRoutes.Refresh, RefreshAsync)
            .RequireAuthorization(AuthPolicies.Management).WithName("RefreshSegmentMembership").WithTags(SegmentRoutes.Tag)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost(SegmentRoutes.BulkIdentities, BulkIdentitiesAsync)
            .RequireAuthorization(AuthPolicies.Ingestion).WithName("BulkUpsertIdentities").WithTags(SegmentRoutes.Tag)
            .Produces<BulkAcceptedDto>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> CreateAsync(int projectId, SegmentRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = SegmentRoutes.Required(body);
        var segment = await mediator.Send(new CreateSegmentCommand(projectId, request.Name, request.Key, request.Description, request.Rules), cancellationToken);
        return Results.Created($"/api/v1/projects/{projectId}/segments/{segment.Id}", segment);
    }

    private static async Task<IResult> ListAsync(int projectId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new ListSegmentsQuery(projectId), cancellationToken));

    private static async Task<IResult> GetAsync(int projectId, int segmentId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetSegmentQuery(projectId, segmentId), cancellationToken));

    private static async Task<IResult> ReplaceAsync(int projectId, int segmentId, SegmentRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = SegmentRoutes.Required(body);
        return Results.Ok(await mediator.Send(
            new ReplaceSegmentCommand(projectId, segmentId, request.Name, request.Key, request.Description, request.Rules), cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(int projectId, int segmentId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteSegmentCommand(projectId, segmentId), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> MembersAsync(
        int projectId, int segmentId, int? environmentId, int? limit, string? cursor, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetSegmentMembersQuery(projectId, segmentId, environmentId, limit, cursor), cancellationToken));

    private static async Task<IResult> RefreshAsync(int projectId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new RequestSegmentMembershipRefreshCommand(projectId), cancellationToken);
        return Results.Accepted();
    }

    private static async Task<IResult> BulkIdentitiesAsync(BulkIdentitiesRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = SegmentRoutes.Required(body);
        return Results.Accepted(value: await mediator.Send(new BulkUpsertIdentitiesCommand(request.Identities), cancellationToken));
    }
}
