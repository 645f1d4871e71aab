using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Projects.CreateProject;

internal sealed record CreateProjectCommand(int? OrganisationId, string? Name) : ICommand<ProjectDto>;
