using MediatR;

namespace ModularAnalytics.Modules.Catalog.Contracts;

/// <summary>A project as other modules see it.</summary>
public sealed record ProjectInfo(int Id, int OrganisationId, string Name);

/// <summary>The project, or null when it does not exist. Not scoped to a caller: the asking module checks access.</summary>
public sealed record GetProjectQuery(int ProjectId) : IRequest<ProjectInfo?>;

/// <summary>All projects of an organisation, ordered by id (empty when the organisation does not exist).</summary>
public sealed record GetOrganisationProjectsQuery(int OrganisationId) : IRequest<IReadOnlyList<ProjectInfo>>;
