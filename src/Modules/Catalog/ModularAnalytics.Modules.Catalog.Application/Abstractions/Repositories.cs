using ModularAnalytics.Modules.Catalog.Domain.Environments;
using ModularAnalytics.Modules.Catalog.Domain.Flags;
using ModularAnalytics.Modules.Catalog.Domain.Organisations;
using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

internal interface IOrganisationRepository
{
    Task<Organisation?> FindAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyList<int>> ListIdsWithSegmentMembershipInspectionAsync(CancellationToken cancellationToken);

    void Add(Organisation organisation);
}

internal interface IProjectRepository
{
    Task<Project?> FindAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Project>> ListByOrganisationAsync(int organisationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Project>> ListAllAsync(CancellationToken cancellationToken);

    void Add(Project project);
}

internal interface IEnvironmentRepository
{
    Task<ProjectEnvironment?> FindByKeyAsync(string key, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProjectEnvironment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken);

    void Add(ProjectEnvironment environment);
}

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

internal interface ICatalogUnitOfWork
{
    /// <summary>Saves every change of the request; throws <see cref="DuplicateKeyException"/> on a unique-index violation.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}

/// <summary>A unique index rejected a write: another request won a race that the handler's own check could not see.</summary>
internal sealed class DuplicateKeyException(string message, Exception innerException) : Exception(message, innerException);
