using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Projects.ListProjects;

/// <summary>The projects the caller may manage: its organisation's, or every project for the admin.</summary>
internal sealed record ListProjectsQuery : IQuery<IReadOnlyList<ProjectDto>>;
