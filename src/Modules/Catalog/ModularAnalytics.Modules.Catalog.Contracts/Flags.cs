using MediatR;

namespace ModularAnalytics.Modules.Catalog.Contracts;

public sealed record VariantInfo(int Id, string Key);

/// <summary>A live flag with its variants (ordered by id). Deleted flags are never returned.</summary>
public sealed record FlagInfo(
    int Id,
    int ProjectId,
    string Key,
    string Description,
    bool Enabled,
    bool DataRecordsEnabled,
    IReadOnlyList<VariantInfo> Variants);

/// <summary>The flag with this id, or null when it does not exist or was deleted.</summary>
public sealed record GetFlagByIdQuery(int FlagId) : IRequest<FlagInfo?>;

/// <summary>The live flag with this key in the project, or null.</summary>
public sealed record GetFlagByKeyQuery(int ProjectId, string FlagKey) : IRequest<FlagInfo?>;

/// <summary>Every live flag of the project with its variants, ordered by id.</summary>
public sealed record GetProjectFlagsQuery(int ProjectId) : IRequest<IReadOnlyList<FlagInfo>>;
