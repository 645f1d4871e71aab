using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Environments.ListEnvironments;

internal sealed record ListEnvironmentsQuery(int ProjectId) : IQuery<IReadOnlyList<EnvironmentDto>>;
