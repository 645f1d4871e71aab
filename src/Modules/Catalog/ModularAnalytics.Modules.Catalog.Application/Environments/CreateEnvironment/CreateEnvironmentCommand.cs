using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Environments.CreateEnvironment;

internal sealed record CreateEnvironmentCommand(int ProjectId, string? Name) : ICommand<EnvironmentDto>;
