using System.Globalization;
using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Abstractions;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Application.Summaries.GetFlagSummary;

internal sealed class GetFlagSummaryHandler(
    IMediator mediator,
    ICallerContext caller,
    IDatarReadStore store,
    RecorderOptions options,
    TimeProvider time) : IQueryHandler<GetFlagSummaryQuery, FlagSummary>
{
    public async Task<FlagSummary> Handle(GetFlagSummaryQuery request, CancellationToken cancellationToken)
    {
        await DatarAvailability.EnsureProjectReadableAsync(options, mediator, caller, request.ProjectId, cancellationToken);
        var flag = await mediator.Send(new GetFlagByIdQuery(request.FlagId), cancellationToken);
        if (flag is null || flag.ProjectId != request.ProjectId)
        {
            throw new NotFoundException("Flag", request.FlagId);
        }

        var window = SummaryWindow.Resolve(request.From, request.To, time.GetUtcNow());
        var traffic = await store.GetFlagTrafficAsync(flag.Id, window.FromHour, window.ToHour, request.SegmentLimit, cancellationToken);
        return new FlagSummary(
            flag.Id,
            traffic.ByVariant.Select(v => new VariantTraffic(v.Id, v.Count)).ToArray(),
            traffic.BySegment.Select(s => new SegmentTraffic(s.Id, s.Count)).ToArray(),
            traffic.ByDay.Select(d => new DayTraffic(
                DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(d.Day)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Count)).ToArray());
    }
}
