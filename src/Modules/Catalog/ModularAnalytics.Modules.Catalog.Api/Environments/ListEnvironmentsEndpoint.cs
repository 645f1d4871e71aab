using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Environments;
using ModularAnalytics.Modules.Catalog.Application.Environments.ListEnvironments;

namespace ModularAnalytics.Modules.Catalog.Api.Environments;

internal sealed class ListEnvironmentsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(CatalogRoutes.Environments, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("ListEnvironments")
            .WithTags(CatalogRoutes.Tag)
            .Produces<IReadOnlyList<EnvironmentDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new ListEnvironmentsQuery(projectId), cancellationToken));
}
