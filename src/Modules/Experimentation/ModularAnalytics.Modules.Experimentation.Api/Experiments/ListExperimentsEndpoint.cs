using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Experimentation.Api.Common;
using ModularAnalytics.Modules.Experimentation.Application.Experiments;
using ModularAnalytics.Modules.Experimentation.Application.Experiments.ListExperiments;

namespace ModularAnalytics.Modules.Experimentation.Api.Experiments;

internal sealed class ListExperimentsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(ExperimentRoutes.Experiments, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("ListExperiments")
            .WithTags(ExperimentRoutes.Tag)
            .Produces<IReadOnlyList<ExperimentDto>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(new ListExperimentsQuery(projectId), cancellationToken));
}
