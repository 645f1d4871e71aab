using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.GetFlag;

internal sealed record GetFlagQuery(int ProjectId, int FlagId) : IQuery<FlagDto>;
