using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Flags;
using ModularAnalytics.Modules.Catalog.Application.Flags.CreateFlag;

namespace ModularAnalytics.Modules.Catalog.Api.Flags;

// Defaults mark the contract's optional fields, which is what keeps them out of the OpenAPI `required` list.
internal sealed record CreateFlagRequest(
    string? Key,
    IReadOnlyList<VariantInput?>? Variants,
    string? Description = null,
    bool? Enabled = null,
    bool? DataRecordsEnabled = null);

internal sealed class CreateFlagEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(CatalogRoutes.Flags, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("CreateFlag")
            .WithTags(CatalogRoutes.Tag)
            .Produces<FlagDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, CreateFlagRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var command = new CreateFlagCommand(projectId, request.Key, request.Description, request.Enabled, request.DataRecordsEnabled, request.Variants);
        var flag = await mediator.Send(command, cancellationToken);
        return Results.Created($"{CatalogRoutes.Projects}/{projectId}/flags/{flag.Id}", flag);
    }
}
