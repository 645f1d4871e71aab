using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Common;
using ModularAnalytics.Modules.Catalog.Application.Flags;
using ModularAnalytics.Modules.Catalog.Application.Flags.PatchFlag;

namespace ModularAnalytics.Modules.Catalog.Api.Flags;

internal sealed record PatchFlagRequest(
    [property: JsonConverter(typeof(OptionalJsonConverterFactory))] Optional<string?> Description,
    [property: JsonConverter(typeof(OptionalJsonConverterFactory))] Optional<bool?> Enabled,
    [property: JsonConverter(typeof(OptionalJsonConverterFactory))] Optional<bool?> DataRecordsEnabled,
    [property: JsonConverter(typeof(OptionalJsonConverterFactory))] Optional<IReadOnlyList<VariantInput?>?> Variants);

internal sealed class PatchFlagEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPatch(CatalogRoutes.Flags + "/{flagId:int}", HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("PatchFlag")
            .WithTags(CatalogRoutes.Tag)
            .Produces<FlagDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int flagId, PatchFlagRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var command = new PatchFlagCommand(projectId, flagId, request.Description, request.Enabled, request.DataRecordsEnabled, request.Variants);
        return Results.Ok(await mediator.Send(command, cancellationToken));
    }
}
