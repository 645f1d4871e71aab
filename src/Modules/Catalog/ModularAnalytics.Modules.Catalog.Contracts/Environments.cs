using MediatR;

namespace ModularAnalytics.Modules.Catalog.Contracts;

/// <summary>An environment as other modules see it; <see cref="Key"/> is its ingestion key.</summary>
public sealed record EnvironmentInfo(int Id, int ProjectId, int OrganisationId, string Name, string Key);

/// <summary>The environments of a project, ordered by id (empty when the project does not exist).</summary>
public sealed record GetProjectEnvironmentsQuery(int ProjectId) : IRequest<IReadOnlyList<EnvironmentInfo>>;
