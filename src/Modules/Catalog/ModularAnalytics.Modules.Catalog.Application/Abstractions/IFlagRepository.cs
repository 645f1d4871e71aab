using ModularAnalytics.Modules.Catalog.Domain.Flags;

namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

/// <summary>Flags with their variants; deleted flags are invisible to every method.</summary>
internal interface IFlagRepository
{
    Task<Flag?> FindAsync(int flagId, CancellationToken cancellationToken);

    Task<Flag?> FindAsync(int projectId, int flagId, CancellationToken cancellationToken);

    Task<Flag?> FindByKeyAsync(int projectId, string key, CancellationToken cancellationToken);

    Task<bool> KeyExistsAsync(int projectId, string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<Flag>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    void Add(Flag flag);
}
