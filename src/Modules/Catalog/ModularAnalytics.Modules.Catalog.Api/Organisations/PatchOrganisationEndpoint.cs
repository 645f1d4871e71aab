using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Organisations;
using ModularAnalytics.Modules.Catalog.Application.Organisations.PatchOrganisation;

namespace ModularAnalytics.Modules.Catalog.Api.Organisations;

internal sealed class PatchOrganisationRequest : PatchRequest
{
    private readonly string? _name;
    private readonly bool? _segmentMembershipInspection;

    public string? Name { get => _name; init => _name = Present(value); }

    public bool? SegmentMembershipInspection { get => _segmentMembershipInspection; init => _segmentMembershipInspection = Present(value); }

    public PatchOrganisationCommand ToCommand(int organisationId) => new(
        organisationId,
        Field(Name, nameof(Name)),
        Field(SegmentMembershipInspection, nameof(SegmentMembershipInspection)));
}

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
        var command = RequestBody.Required(body).ToCommand(organisationId);
        return Results.Ok(await mediator.Send(command, cancellationToken));
    }
}
