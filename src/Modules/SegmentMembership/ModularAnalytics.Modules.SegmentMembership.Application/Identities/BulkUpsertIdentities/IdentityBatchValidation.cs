using System.Globalization;
using System.Text;
using System.Text.Json;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Identities.BulkUpsertIdentities;

/// <summary>
/// Checks a whole batch before anything is written (all or nothing). Not a FluentValidation validator on purpose:
/// the problem's error keys embed trait names verbatim (<c>identities[3].traits.Plan</c>), which the shared
/// camel-casing of FluentValidation property paths would alter.
/// </summary>
internal static class IdentityBatchValidation
{
    public static IReadOnlyList<StoredIdentity> Validate(BulkUpsertIdentitiesCommand command, int environmentId, DateTime now)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string path, string message)
        {
            if (!errors.TryGetValue(path, out var list))
            {
                errors[path] = list = [];
            }

            list.Add(message);
        }

        var identities = new List<StoredIdentity>();
        if (command.Identities is null)
        {
            Fail("identities", "An array of identities is required.");
        }
        else if (command.Identities.Count > IdentityLimits.MaxIdentitiesPerCall)
        {
            Fail("identities", $"At most {IdentityLimits.MaxIdentitiesPerCall} identities per call.");
        }
        else
        {
            for (var i = 0; i < command.Identities.Count; i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"identities[{i}]");
                var input = command.Identities[i];
                if (input is null)
                {
                    Fail(path, "An identity object is required.");
                    continue;
                }

                var before = errors.Count;
                if (string.IsNullOrEmpty(input.Identifier))
                {
                    Fail(path + ".identifier", "The identifier is required.");
                }
                else if (Encoding.UTF8.GetByteCount(input.Identifier) > IdentityLimits.MaxIdentifierBytes)
                {
                    Fail(path + ".identifier", $"The identifier is longer than {IdentityLimits.MaxIdentifierBytes} bytes (UTF-8).");
                }

                if (input.Key is { Length: > IdentityLimits.MaxKeyLength })
                {
                    Fail(path + ".key", $"The key is longer than {IdentityLimits.MaxKeyLength} characters.");
                }

                var traits = ReadTraits(input.Traits, path + ".traits", Fail);
                if (errors.Count == before)
                {
                    identities.Add(new StoredIdentity(environmentId, input.Identifier!, string.IsNullOrEmpty(input.Key) ? null : input.Key, IdentityTraits.Serialize(traits), now));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        // A later copy of the same identifier in one call wins, as if the copies had been sent one after another.
        return [.. identities.GroupBy(x => x.Identifier, StringComparer.Ordinal).Select(g => g.Last())];
    }

    private static Dictionary<string, TraitValue> ReadTraits(IReadOnlyDictionary<string, JsonElement>? input, string path, Action<string, string> fail)
    {
        var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
        if (input is null)
        {
            return traits;
        }

        if (input.Count > IdentityLimits.MaxTraitsPerIdentity)
        {
            fail(path, $"At most {IdentityLimits.MaxTraitsPerIdentity} traits per identity.");
            return traits;
        }

        foreach (var (key, value) in input)
        {
            var traitPath = path + "." + key;
            if (key.Length == 0)
            {
                fail(traitPath, "A trait key must not be empty.");
                continue;
            }

            if (key.Length > IdentityLimits.MaxTraitKeyLength)
            {
                fail(traitPath, $"A trait key is at most {IdentityLimits.MaxTraitKeyLength} characters.");
                continue;
            }

            switch (value.ValueKind)
            {
                case JsonValueKind.Object or JsonValueKind.Array:
                    fail(traitPath, "A trait value must be a string, number, boolean or null.");
                    continue;
                case JsonValueKind.String when value.GetString()!.Length > IdentityLimits.MaxTraitStringLength:
                    fail(traitPath, $"A trait value is at most {IdentityLimits.MaxTraitStringLength} characters.");
                    continue;
            }

            try
            {
                traits[key] = TraitValue.FromJson(value);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentOutOfRangeException)
            {
                fail(traitPath, "The number is out of range.");
            }
        }

        return traits;
    }
}
