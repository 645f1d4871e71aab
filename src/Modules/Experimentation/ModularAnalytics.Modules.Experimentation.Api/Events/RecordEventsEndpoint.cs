using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Experimentation.Api.Common;
using ModularAnalytics.Modules.Experimentation.Application.Events.RecordEvents;

namespace ModularAnalytics.Modules.Experimentation.Api.Events;

internal sealed record RecordEventsRequest(IReadOnlyList<EventInput?>? Events);

internal sealed class RecordEventsEndpoint : IEndpointModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost(ExperimentRoutes.Events, HandleAsync)
            .RequireAuthorization(AuthPolicies.Ingestion)
            .WithName("RecordEvents")
            .WithTags(ExperimentRoutes.Tag)
            .WithDescription("Stores up to 10,000 events, all or nothing; 202 only once they are stored. An exposure is a `$flag_exposure` event whose featureName is the flag key and value the variant key.")
            .Produces<EventsAcceptedDto>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> HandleAsync(RecordEventsRequest? body, ICallerContext caller, IMediator mediator, CancellationToken cancellationToken)
    {
        var request = RequestBody.Required(body);
        var accepted = await mediator.Send(new RecordEventsCommand(caller.EnvironmentId!.Value, request.Events), cancellationToken);
        return Results.Json(accepted, statusCode: StatusCodes.Status202Accepted);
    }
}
