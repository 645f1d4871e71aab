using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Flags;
using ModularAnalytics.Modules.Catalog.Application.Flags.GetFlag;

namespace ModularAnalytics.Modules.Catalog.Api.Flags;

internal sealed class GetFlagEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(CatalogRoutes.Flags + "/{flagId:int}", HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetFlag")
            .WithTags(CatalogRoutes.Tag)
            .Produces<FlagDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int flagId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetFlagQuery(projectId, flagId), cancellationToken));
}
