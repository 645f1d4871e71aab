using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Modules.Datar.Application.Abstractions;

namespace ModularAnalytics.Datar.Tests.Support;

/// <summary>
/// Wraps the host's real <see cref="IHourlyEventStore"/>: when <see cref="LoseNextReply"/> is set, the next flush
/// commits and then throws, as a connection dropped between the commit and its reply would.
/// </summary>
public sealed class ReplyLosingStore
{
    private readonly List<bool> _results = [];
    private readonly List<Guid> _flushIds = [];

    public bool LoseNextReply { get; set; }

    /// <summary>What the real store answered, per call: true applied, false skipped as already applied.</summary>
    public IReadOnlyList<bool> Results => _results;

    public IReadOnlyList<Guid> FlushIds => _flushIds;

    public void Install(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(IHourlyEventStore));
        services.Remove(real);
        services.AddScoped<IHourlyEventStore>(sp => new Decorator(this, (IHourlyEventStore)ActivatorUtilities.CreateInstance(sp, real.ImplementationType!)));
    }

    private sealed class Decorator(ReplyLosingStore owner, IHourlyEventStore inner) : IHourlyEventStore
    {
        public async Task<bool> ApplyAsync(Guid flushId, IReadOnlyCollection<HourlyCount> counts, DateTime flushedAtUtc, CancellationToken cancellationToken)
        {
            var applied = await inner.ApplyAsync(flushId, counts, flushedAtUtc, cancellationToken);
            lock (owner._results)
            {
                owner._results.Add(applied);
                owner._flushIds.Add(flushId);
            }

            if (owner.LoseNextReply)
            {
                owner.LoseNextReply = false;
                throw new TimeoutException("The reply to the commit was lost.");
            }

            return applied;
        }
    }
}
