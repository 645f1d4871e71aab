using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Datar.Application.Evaluations.RecordEvaluations;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Api.Evaluations.RecordEvaluations;

internal sealed class RecordEvaluationsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/evaluations", HandleAsync)
            .RequireAuthorization(AuthPolicies.Ingestion)
            .WithName("RecordEvaluations")
            .WithTags("Datar")
            .Accepts<RecordEvaluationsRequest>("application/json")
            .Produces<AcceptedResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(RecordEvaluationsRequest? body, ICallerContext caller, IMediator mediator, CancellationToken cancellationToken)
    {
        var records = body?.Records?.Select(r => r is null ? null : new EvaluationRecordInput(
            r.FlagId, r.FlagKey, r.VariantId, r.VariantKey, r.SegmentId, r.EntityId, r.Timestamp, r.RecordSource)).ToArray();
        var result = await mediator.Send(
            new RecordEvaluationsCommand(caller.ProjectId!.Value, caller.EnvironmentId!.Value, records), cancellationToken);
        return Results.Json(
            new AcceptedResponse(result.Accepted, result.Recorded, new NotRecordedCounts(result.NotRecorded.RecordersOff, result.NotRecorded.FlagNotRecorded)),
            statusCode: StatusCodes.Status202Accepted);
    }
}

internal sealed record RecordEvaluationsRequest(IReadOnlyList<EvaluationRecordBody?>? Records);

// Settable properties rather than a positional record: with a constructor of eight parameters System.Text.Json
// gathers each record's arguments in a boxed object array first, a few allocations per record on the hot path.
internal sealed record EvaluationRecordBody
{
    [JsonPropertyName("flagID")]
    public int? FlagId { get; init; }

    [JsonPropertyName("flagKey")]
    public string? FlagKey { get; init; }

    [JsonPropertyName("variantID")]
    public int? VariantId { get; init; }

    [JsonPropertyName("variantKey")]
    public string? VariantKey { get; init; }

    [JsonPropertyName("segmentID")]
    public int? SegmentId { get; init; }

    [JsonPropertyName("entityID")]
    public string? EntityId { get; init; }

    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; init; }

    [JsonPropertyName("recordSource")]
    public RecordSource? RecordSource { get; init; }
}

/// <param name="Recorded">Records taken by at least one recorder; a 202 means they are stored durably.</param>
internal sealed record AcceptedResponse(int Accepted, int Recorded, NotRecordedCounts NotRecorded);

internal sealed record NotRecordedCounts(int RecordersOff, int FlagNotRecorded);
