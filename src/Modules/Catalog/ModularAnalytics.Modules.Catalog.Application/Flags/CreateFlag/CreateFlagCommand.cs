using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.CreateFlag;

internal sealed record CreateFlagCommand(
    int ProjectId,
    string? Key,
    string? Description,
    bool? Enabled,
    bool? DataRecordsEnabled,
    IReadOnlyList<VariantInput?>? Variants) : ICommand<FlagDto>;
