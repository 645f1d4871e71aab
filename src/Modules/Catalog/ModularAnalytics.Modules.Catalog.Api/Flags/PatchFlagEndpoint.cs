using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Catalog.Api.Common;
using ModularAnalytics.Modules.Catalog.Application.Flags;
using ModularAnalytics.Modules.Catalog.Application.Flags.PatchFlag;

namespace ModularAnalytics.Modules.Catalog.Api.Flags;

internal sealed class PatchFlagRequest : PatchRequest
{
    private readonly string? _description;
    private readonly bool? _enabled;
    private readonly bool? _dataRecordsEnabled;
    private readonly IReadOnlyList<VariantInput?>? _variants;

    public string? Description { get => _description; init => _description = Present(value); }

    public bool? Enabled { get => _enabled; init => _enabled = Present(value); }

    public bool? DataRecordsEnabled { get => _dataRecordsEnabled; init => _dataRecordsEnabled = Present(value); }

    public IReadOnlyList<VariantInput?>? Variants { get => _variants; init => _variants = Present(value); }

    public PatchFlagCommand ToCommand(int projectId, int flagId) => new(
        projectId,
        flagId,
        Field(Description, nameof(Description)),
        Field(Enabled, nameof(Enabled)),
        Field(DataRecordsEnabled, nameof(DataRecordsEnabled)),
        Field(Variants, nameof(Variants)));
}

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
        var command = RequestBody.Required(body).ToCommand(projectId, flagId);
        return Results.Ok(await mediator.Send(command, cancellationToken));
    }
}
