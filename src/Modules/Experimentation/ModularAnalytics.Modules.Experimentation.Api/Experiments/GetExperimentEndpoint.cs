using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Experimentation.Api.Common;
using ModularAnalytics.Modules.Experimentation.Application.Experiments;
using ModularAnalytics.Modules.Experimentation.Application.Experiments.GetExperiment;

namespace ModularAnalytics.Modules.Experimentation.Api.Experiments;

internal sealed class GetExperimentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(ExperimentRoutes.Experiment, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("GetExperiment")
            .WithTags(ExperimentRoutes.Tag)
            .Produces<ExperimentDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int experimentId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new GetExperimentQuery(projectId, experimentId), cancellationToken));
}
