using ModularAnalytics.BuildingBlocks.Domain;
using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Domain.Flags;

/// <summary>
/// A feature flag. Deleting only marks it (<see cref="DeletedAt"/>): other modules keep evaluation and exposure
/// history keyed by its id, and that history must stay attributable.
/// </summary>
public sealed class Flag
{
    private readonly List<Variant> _variants = [];

    private Flag()
    {
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    /// <summary>Unique among the project's live flags; fixed once created because other modules match on it.</summary>
    public string Key { get; private set; } = string.Empty;

    public string Description { get; private set; } = string.Empty;

    public bool Enabled { get; private set; }

    public bool DataRecordsEnabled { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public DateTime? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    public IReadOnlyList<Variant> Variants => _variants;

    public static Flag Create(
        int projectId,
        string? key,
        string? description,
        bool enabled,
        bool dataRecordsEnabled,
        IReadOnlyList<string?> variantKeys,
        DateTime now)
    {
        var flag = new Flag
        {
            ProjectId = projectId,
            Key = CatalogRules.RequireKey(key, "key"),
            Description = RequireDescription(description ?? string.Empty),
            Enabled = enabled,
            DataRecordsEnabled = dataRecordsEnabled,
            CreatedAt = now,
            UpdatedAt = now,
        };
        flag.ReplaceVariants(variantKeys, now);
        return flag;
    }

    public void Describe(string? description, DateTime now)
    {
        EnsureNotDeleted();
        Description = RequireDescription(description);
        UpdatedAt = now;
    }

    public void SetEnabled(bool enabled, DateTime now)
    {
        EnsureNotDeleted();
        Enabled = enabled;
        UpdatedAt = now;
    }

    public void SetDataRecordsEnabled(bool enabled, DateTime now)
    {
        EnsureNotDeleted();
        DataRecordsEnabled = enabled;
        UpdatedAt = now;
    }

    /// <summary>
    /// Makes the variant set equal to <paramref name="keys"/>. A variant whose key stays keeps its id, so that
    /// recorded traffic by variant id remains meaningful; variants whose key goes are removed.
    /// </summary>
    public void ReplaceVariants(IReadOnlyList<string?> keys, DateTime now)
    {
        EnsureNotDeleted();
        if (keys.Count > CatalogRules.MaxVariants)
        {
            throw new DomainException("variants", $"At most {CatalogRules.MaxVariants} variants are allowed.");
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var field = $"variants[{i}].key";
            var key = CatalogRules.RequireKey(keys[i], field);
            if (!wanted.Add(key))
            {
                throw new DomainException(field, $"Duplicate variant key '{key}'.");
            }
        }

        _variants.RemoveAll(v => !wanted.Contains(v.Key));
        foreach (var key in keys)
        {
            if (!_variants.Exists(v => v.Key == key))
            {
                _variants.Add(new Variant(key!));
            }
        }

        UpdatedAt = now;
    }

    public void Delete(DateTime now)
    {
        EnsureNotDeleted();
        DeletedAt = now;
        UpdatedAt = now;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("flag", "The flag has been deleted.");
        }
    }

    private static string RequireDescription(string? description)
    {
        if (description is null)
        {
            throw new DomainException("description", "Must not be null.");
        }

        if (description.Length > CatalogRules.MaxDescriptionLength)
        {
            throw new DomainException("description", $"Must be at most {CatalogRules.MaxDescriptionLength} characters.");
        }

        return description;
    }
}
