using FluentValidation;
using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Flags;

/// <summary>The `variants` array rules shared by create and patch; failures name `variants[i].key`.</summary>
internal static class VariantRules
{
    public static void Check<T>(IReadOnlyList<VariantInput?>? variants, ValidationContext<T> context)
    {
        if (variants is null)
        {
            return;
        }

        if (variants.Count > CatalogRules.MaxVariants)
        {
            context.AddFailure("Variants", $"At most {CatalogRules.MaxVariants} variants are allowed.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variants.Count; i++)
        {
            var key = variants[i]?.Key;
            if (variants[i] is null)
            {
                context.AddFailure($"Variants[{i}]", "Must be an object with a key.");
            }
            else if (!CatalogRules.IsValidKey(key))
            {
                context.AddFailure($"Variants[{i}].Key", KeyMessage);
            }
            else if (!seen.Add(key!))
            {
                context.AddFailure($"Variants[{i}].Key", $"Duplicate variant key '{key}'.");
            }
        }
    }

    public const string KeyMessage = "Must be 1 to 100 characters of letters, digits, '_', '.' or '-'.";
}
