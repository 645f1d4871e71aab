using ModularAnalytics.Modules.Catalog.Domain.Flags;

namespace ModularAnalytics.Modules.Catalog.Application.Flags;

internal sealed record VariantDto(int Id, string Key);

internal sealed record FlagDto(
    int Id,
    int ProjectId,
    string Key,
    string Description,
    bool Enabled,
    bool DataRecordsEnabled,
    IReadOnlyList<VariantDto> Variants)
{
    public static FlagDto From(Flag flag) => new(
        flag.Id,
        flag.ProjectId,
        flag.Key,
        flag.Description,
        flag.Enabled,
        flag.DataRecordsEnabled,
        [.. flag.Variants.OrderBy(v => v.Id).Select(v => new VariantDto(v.Id, v.Key))]);
}

/// <summary>One element of a request's `variants` array.</summary>
internal sealed record VariantInput(string? Key);
