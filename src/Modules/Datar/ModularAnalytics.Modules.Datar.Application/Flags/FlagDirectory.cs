using System.Collections.Concurrent;
using MediatR;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Datar.Application.Flags;

/// <summary>
/// A project's live flags, from Catalog.Contracts, kept for a few seconds: ingestion resolves every record's
/// flag and variant, and asking the catalog per batch would put it on the hot path.
/// </summary>
internal sealed class FlagDirectory(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<int, Entry> _projects = new();

    public async Task<ProjectFlags> GetAsync(IMediator mediator, int projectId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_projects.TryGetValue(projectId, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Flags;
        }

        var flags = new ProjectFlags(await mediator.Send(new GetProjectFlagsQuery(projectId), cancellationToken));
        _projects[projectId] = new Entry(flags, now + Lifetime);
        return flags;
    }

    private sealed record Entry(ProjectFlags Flags, DateTimeOffset ExpiresAt);
}

/// <summary>A project's live flags indexed by id and key.</summary>
internal sealed class ProjectFlags(IReadOnlyList<FlagInfo> flags)
{
    private readonly Dictionary<int, FlagInfo> _byId = flags.ToDictionary(f => f.Id);
    private readonly Dictionary<string, FlagInfo> _byKey = flags.ToDictionary(f => f.Key, StringComparer.Ordinal);

    public IReadOnlyList<FlagInfo> All { get; } = flags;

    public FlagInfo? ById(int id) => _byId.GetValueOrDefault(id);

    public FlagInfo? ByKey(string key) => _byKey.GetValueOrDefault(key);
}
