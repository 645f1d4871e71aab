using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Abstractions;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Application.Summaries.GetProjectSummary;

internal sealed class GetProjectSummaryHandler(
    IMediator mediator,
    ICallerContext caller,
    IDatarReadStore store,
    RecorderOptions options,
    TimeProvider time) : IQueryHandler<GetProjectSummaryQuery, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(GetProjectSummaryQuery request, CancellationToken cancellationToken)
    {
        await DatarAvailability.EnsureProjectReadableAsync(options, mediator, caller, request.ProjectId, cancellationToken);

        var window = SummaryWindow.Resolve(request.From, request.To, time.GetUtcNow());
        // Live flags only: a deleted flag is not in the catalog's answer, so its history drops out of the summary.
        var flags = (await mediator.Send(new GetProjectFlagsQuery(request.ProjectId), cancellationToken)).ToDictionary(f => f.Id);
        var totals = await store.GetFlagTotalsAsync(flags.Keys, window.FromHour, window.ToHour, request.Limit, request.Offset, cancellationToken);
        return new ProjectSummary(totals
            .Select(t =>
            {
                var flag = flags[t.FlagId];
                return new FlagSummaryItem(flag.Id, flag.Key, flag.Enabled, flag.Description, t.Count,
                    DateTimeOffset.FromUnixTimeSeconds(t.LastEvaluatedUnixSeconds));
            })
            .ToArray());
    }
}
