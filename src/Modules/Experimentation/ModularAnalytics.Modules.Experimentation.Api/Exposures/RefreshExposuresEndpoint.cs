using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Experimentation.Api.Common;
using ModularAnalytics.Modules.Experimentation.Application.Exposures.RequestExposuresRefresh;

namespace ModularAnalytics.Modules.Experimentation.Api.Exposures;

internal sealed class RefreshExposuresEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(ExperimentRoutes.ExposuresRefresh, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("RefreshExperimentExposures")
            .WithTags(ExperimentRoutes.Tag)
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int experimentId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new RequestExposuresRefreshCommand(projectId, experimentId), cancellationToken);
        return Results.Accepted();
    }
}
