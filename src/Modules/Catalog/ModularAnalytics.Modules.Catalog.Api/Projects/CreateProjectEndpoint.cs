using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Projects;
using ModularAnalytics.Modules.Catalog.Application.Projects.CreateProject;

namespace ModularAnalytics.Modules.Catalog.Api.Projects;

internal sealed record CreateProjectRequest(int? OrganisationId, string? Name);

internal sealed class CreateProjectEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(CatalogRoutes.Projects, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("CreateProject")
            .WithTags(CatalogRoutes.Tag)
            .Produces<ProjectDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(CreateProjectRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var project = await mediator.Send(new CreateProjectCommand(request.OrganisationId, request.Name), cancellationToken);
        return Results.Created($"{CatalogRoutes.Projects}/{project.Id}", project);
    }
}
