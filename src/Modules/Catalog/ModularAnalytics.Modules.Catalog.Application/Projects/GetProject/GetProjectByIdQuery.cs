using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Projects.GetProject;

internal sealed record GetProjectByIdQuery(int ProjectId) : IQuery<ProjectDto>;
