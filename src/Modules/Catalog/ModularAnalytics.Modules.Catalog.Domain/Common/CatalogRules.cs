using System.Text.RegularExpressions;
using ModularAnalytics.BuildingBlocks.Domain;

namespace ModularAnalytics.Modules.Catalog.Domain.Common;

/// <summary>Limits shared by the entities and the request validators, so both reject the same input.</summary>
public static partial class CatalogRules
{
    public const int MaxNameLength = 200;
    public const int MaxKeyLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxVariants = 100;

    /// <summary>
    /// Flag and variant keys travel in SDK payloads, URLs and warehouse columns, so they are restricted to
    /// characters that need no escaping anywhere: letters, digits, '_', '.', '-'.
    /// </summary>
    public const string KeyPattern = @"^[A-Za-z0-9_.\-]{1,100}$";

    public static bool IsValidKey(string? key) => key is not null && KeyRegex().IsMatch(key);

    public static string RequireName(string? name, string field = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException(field, "Must not be empty.");
        }

        if (name.Length > MaxNameLength)
        {
            throw new DomainException(field, $"Must be at most {MaxNameLength} characters.");
        }

        return name;
    }

    public static string RequireKey(string? key, string field)
    {
        if (!IsValidKey(key))
        {
            throw new DomainException(field, $"Must be 1 to {MaxKeyLength} characters of letters, digits, '_', '.' or '-'.");
        }

        return key!;
    }

    [GeneratedRegex(KeyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();
}
