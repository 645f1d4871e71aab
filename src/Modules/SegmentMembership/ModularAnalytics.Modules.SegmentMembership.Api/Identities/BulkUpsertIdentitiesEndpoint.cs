using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.SegmentMembership.Api.Common;
using ModularAnalytics.Modules.SegmentMembership.Application.Identities;
using ModularAnalytics.Modules.SegmentMembership.Application.Identities.BulkUpsertIdentities;

namespace ModularAnalytics.Modules.SegmentMembership.Api.Identities;

internal sealed record BulkIdentitiesRequest(IReadOnlyList<IdentityInput?>? Identities);

internal sealed class BulkUpsertIdentitiesEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(SegmentRoutes.BulkIdentities, HandleAsync)
            .RequireAuthorization(AuthPolicies.Ingestion)
            .WithName("BulkUpsertIdentities")
            .WithTags(SegmentRoutes.Tag)
            .Produces<BulkAcceptedDto>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> HandleAsync(BulkIdentitiesRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        return Results.Accepted(value: await mediator.Send(new BulkUpsertIdentitiesCommand(request.Identities), cancellationToken));
    }
}
