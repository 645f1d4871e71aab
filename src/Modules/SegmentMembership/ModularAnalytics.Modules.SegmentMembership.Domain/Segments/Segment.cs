using System.Globalization;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

/// <summary>
/// A project's segment. <see cref="RulesJson"/> keeps the rules exactly as written (Flagsmith's shape), already
/// validated; <see cref="Key"/> is null when the caller gave none, so the salt follows the id.
/// </summary>
public sealed class Segment
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxKeyLength = 1000;

    private Segment()
    {
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public string? Key { get; private set; }

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public string RulesJson { get; private set; } = "[]";

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>The percentage-split salt: the given key, else the id as a string.</summary>
    public string EffectiveKey => Key ?? Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stored rules, parsed.</summary>
    public IReadOnlyList<SegmentRule> ParseRules() => SegmentRuleJson.ParseStored(RulesJson);

    public static Segment Create(int projectId, string name, string? key, string? description, string rulesJson, DateTime now) =>
        new()
        {
            ProjectId = projectId,
            Name = name,
            Key = key,
            Description = description,
            RulesJson = rulesJson,
            CreatedAt = now,
            UpdatedAt = now,
        };

    public void Replace(string name, string? key, string? description, string rulesJson, DateTime now)
    {
        Name = name;
        Key = key;
        Description = description;
        RulesJson = rulesJson;
        UpdatedAt = now;
    }
}
