using System.Runtime.CompilerServices;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.Modules.Experimentation.Api.Common;
using ModularAnalytics.Modules.Experimentation.Application.Experiments;
using ModularAnalytics.Modules.Experimentation.Application.Experiments.PatchExperiment;

namespace ModularAnalytics.Modules.Experimentation.Api.Experiments;

/// <summary>The serializer calls a setter only for properties the JSON has (null included): setters record presence.</summary>
internal sealed class PatchExperimentRequest
{
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private readonly string? _name;
    private readonly DateTimeOffset? _endedAt;

    public string? Name { get => _name; init => _name = Present(value); }

    public DateTimeOffset? EndedAt { get => _endedAt; init => _endedAt = Present(value); }

    public PatchExperimentCommand ToCommand(int projectId, int experimentId) =>
        new(projectId, experimentId, _present.Contains(nameof(Name)), Name, _present.Contains(nameof(EndedAt)), EndedAt);

    private T Present<T>(T value, [CallerMemberName] string property = "")
    {
        _present.Add(property);
        return value;
    }
}

internal sealed class PatchExperimentEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPatch(ExperimentRoutes.Experiment, HandleAsync)
            .RequireAuthorization(AuthPolicies.Management)
            .WithName("PatchExperiment")
            .WithTags(ExperimentRoutes.Tag)
            .WithDescription("Renames the experiment or sets its end (null reopens it). A changed end schedules a refresh of its exposures.")
            .Produces<ExperimentDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(int projectId, int experimentId, PatchExperimentRequest? body, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(await mediator.Send(RequestBody.Required(body).ToCommand(projectId, experimentId), cancellationToken));
}
