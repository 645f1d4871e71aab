using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Common;
using ModularAnalytics.Modules.Catalog.Application.Organisations;
using ModularAnalytics.Modules.Catalog.Application.Organisations.PatchOrganisation;

namespace ModularAnalytics.Modules.Catalog.Api.Organisations;

internal sealed record PatchOrganisationRequest(
    [property: JsonConverter(typeof(OptionalJsonConverterFactory))] Optional<string?> Name,
    [property: JsonConverter(typeof(OptionalJsonConverterFactory))] Optional<bool?> SegmentMembershipInspection);

internal sealed class PatchOrganisationEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPatch(CatalogRoutes.Organisations + "/{organisationId:int}", HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("PatchOrganisation")
            .WithTags(CatalogRoutes.Tag)
            .Produces<OrganisationDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int organisationId, PatchOrganisationRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var command = new PatchOrganisationCommand(organisationId, request.Name, request.SegmentMembershipInspection);
        return Results.Ok(await mediator.Send(command, cancellationToken));
    }
}
