using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Environments;
using ModularAnalytics.Modules.Catalog.Application.Environments.CreateEnvironment;

namespace ModularAnalytics.Modules.Catalog.Api.Environments;

internal sealed record CreateEnvironmentRequest(string? Name);

internal sealed class CreateEnvironmentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(CatalogRoutes.Environments, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("CreateEnvironment")
            .WithTags(CatalogRoutes.Tag)
            .Produces<EnvironmentDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, CreateEnvironmentRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var environment = await mediator.Send(new CreateEnvironmentCommand(projectId, request.Name), cancellationToken);
        return Results.Created($"{CatalogRoutes.Projects}/{projectId}/environments/{environment.Id}", environment);
    }
}
