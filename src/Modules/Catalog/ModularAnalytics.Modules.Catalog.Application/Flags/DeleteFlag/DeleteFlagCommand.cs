using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.DeleteFlag;

internal sealed record DeleteFlagCommand(int ProjectId, int FlagId) : ICommand;
