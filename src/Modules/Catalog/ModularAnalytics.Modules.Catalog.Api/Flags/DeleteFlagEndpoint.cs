using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Flags.DeleteFlag;

namespace ModularAnalytics.Modules.Catalog.Api.Flags;

internal sealed class DeleteFlagEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapDelete(CatalogRoutes.Flags + "/{flagId:int}", HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("DeleteFlag")
            .WithTags(CatalogRoutes.Tag)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int flagId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteFlagCommand(projectId, flagId), cancellationToken);
        return Results.NoContent();
    }
}
