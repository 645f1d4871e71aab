using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Projects;
using ModularAnalytics.Modules.Catalog.Application.Projects.GetProject;

namespace ModularAnalytics.Modules.Catalog.Api.Projects;

internal sealed class GetProjectEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(CatalogRoutes.Projects + "/{projectId:int}", HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetProject")
            .WithTags(CatalogRoutes.Tag)
            .Produces<ProjectDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetProjectByIdQuery(projectId), cancellationToken));
}
