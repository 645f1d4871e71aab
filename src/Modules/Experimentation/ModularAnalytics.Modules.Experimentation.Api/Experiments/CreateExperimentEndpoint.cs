using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Experimentation.Api.Common;
using ModularAnalytics.Modules.Experimentation.Application.Experiments;
using ModularAnalytics.Modules.Experimentation.Application.Experiments.CreateExperiment;

namespace ModularAnalytics.Modules.Experimentation.Api.Experiments;

internal sealed record CreateExperimentRequest(
    string? Name,
    string? FlagKey,
    int? EnvironmentId,
    IReadOnlyList<VariantInput?>? Variants,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt);

internal sealed class CreateExperimentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(ExperimentRoutes.Experiments, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("CreateExperiment")
            .WithTags(ExperimentRoutes.Tag)
            .Produces<ExperimentDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, CreateExperimentRequest? body, IMediator mediator, CancellationToken cancellationToken)
    {
        var r = RequestBody.Required(body);
        var experiment = await mediator.Send(
            new CreateExperimentCommand(projectId, r.Name, r.FlagKey, r.EnvironmentId, r.Variants, r.StartedAt, r.EndedAt), cancellationToken);
        return Results.Created($"/api/v1/projects/{projectId}/experiments/{experiment.Id}", experiment);
    }
}
