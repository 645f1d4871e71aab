using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.PatchFlag;

/// <summary>
/// The patchable fields. The key is not among them: other modules (experiments, recorded evaluations) match
/// flags by key, so renaming would silently detach their data.
/// </summary>
internal sealed record PatchFlagCommand(
    int ProjectId,
    int FlagId,
    Optional<string?> Description,
    Optional<bool?> Enabled,
    Optional<bool?> DataRecordsEnabled,
    Optional<IReadOnlyList<VariantInput?>?> Variants) : ICommand<FlagDto>;
