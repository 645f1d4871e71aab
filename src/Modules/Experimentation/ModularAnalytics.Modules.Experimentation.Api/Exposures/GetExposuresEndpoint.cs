using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Experimentation.Api.Common;
using ModularAnalytics.Modules.Experimentation.Application.Exposures;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.GetExposures;

namespace ModularAnalytics.Modules.Experimentation.Api.Exposures;

internal sealed class GetExposuresEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(ExperimentRoutes.Exposures, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetExperimentExposures")
            .WithTags(ExperimentRoutes.Tag)
            .Produces<ExposuresDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int experimentId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetExposuresQuery(projectId, experimentId), cancellationToken));
}
