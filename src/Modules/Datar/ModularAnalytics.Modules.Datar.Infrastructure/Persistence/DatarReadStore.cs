using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Datar.Application.Abstractions;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence;

internal sealed class DatarReadStore(DatarDbContext context) : IDatarReadStore
{
    public async Task<IReadOnlyList<FlagTotal>> GetFlagTotalsAsync(
        IReadOnlyCollection<int> flagIds, long fromHour, long toHour, int limit, int offset, CancellationToken cancellationToken)
    {
        if (flagIds.Count == 0)
        {
            return [];
        }

        var ids = flagIds.ToArray();
        return await context.HourlyEvents.AsNoTracking()
            .Where(e => ids.Contains(e.FlagId) && e.BucketHour >= fromHour && e.BucketHour < toHour)
            .GroupBy(e => e.FlagId)
            .Select(g => new { FlagId = g.Key, Count = g.Sum(e => e.EvalCount), Last = g.Max(e => e.LastEvaluatedAt) })
            .Where(x => x.Count > 0)
            .OrderByDescending(x => x.Count)
            .ThenBy(x => x.FlagId)
            .Skip(offset)
            .Take(limit)
            .Select(x => new FlagTotal(x.FlagId, x.Count, x.Last))
            .ToListAsync(cancellationToken);
    }

    public async Task<FlagTraffic> GetFlagTrafficAsync(int flagId, long fromHour, long toHour, int segmentLimit, CancellationToken cancellationToken)
    {
        var window = context.HourlyEvents.AsNoTracking()
            .Where(e => e.FlagId == flagId && e.BucketHour >= fromHour && e.BucketHour < toHour);

        var byVariant = await window
            .GroupBy(e => e.VariantId)
            .Select(g => new { Id = g.Key, Count = g.Sum(e => e.EvalCount) })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Id)
            .Select(x => new KeyedCount(x.Id, x.Count))
            .ToListAsync(cancellationToken);

        var bySegment = await window
            .Where(e => e.SegmentId != 0)
            .GroupBy(e => e.SegmentId)
            .Select(g => new { Id = g.Key, Count = g.Sum(e => e.EvalCount) })
            .OrderByDescending(x => x.Count).ThenBy(x => x.Id)
            .Take(segmentLimit)
            .Select(x => new KeyedCount(x.Id, x.Count))
            .ToListAsync(cancellationToken);

        var byDay = await window
            .GroupBy(e => e.BucketHour / 24)
            .Select(g => new { Day = g.Key, Count = g.Sum(e => e.EvalCount) })
            .OrderBy(x => x.Day)
            .Select(x => new DayCount(x.Day, x.Count))
            .ToListAsync(cancellationToken);

        return new FlagTraffic(byVariant, bySegment, byDay);
    }
}
