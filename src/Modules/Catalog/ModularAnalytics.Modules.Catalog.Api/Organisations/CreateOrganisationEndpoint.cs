using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Organisations;
using ModularAnalytics.Modules.Catalog.Application.Organisations.CreateOrganisation;

namespace ModularAnalytics.Modules.Catalog.Api.Organisations;

internal sealed record CreateOrganisationRequest(string? Name, bool? SegmentMembershipInspection = null);

internal sealed class CreateOrganisationEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(CatalogRoutes.Organisations, HandleAsync)
            .RequireAuthorization(AuthPolicies.Admin)
            .WithName("CreateOrganisation")
            .WithTags(CatalogRoutes.Tag)
            .Produces<CreatedOrganisationDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    private static async Task<IResult> HandleAsync(CreateOrganisationRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var created = await mediator.Send(new CreateOrganisationCommand(request.Name, request.SegmentMembershipInspection), cancellationToken);
        return Results.Created($"{CatalogRoutes.Organisations}/{created.Id}", created);
    }
}
