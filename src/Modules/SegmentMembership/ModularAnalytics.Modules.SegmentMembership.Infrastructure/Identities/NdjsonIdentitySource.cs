using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Identities;

/// <summary>
/// The alternative source: an NDJSON file, one identity per line:
/// <c>{"environmentKey": "...", "identifier": "...", "key": "...", "traits": {...}}</c> (or <c>"environmentId": 12</c>
/// instead of the key). Lines of other environments are skipped; for an identifier given twice the later line wins.
/// </summary>
internal sealed class NdjsonIdentitySource(SegmentMembershipOptions options) : IIdentitySource
{
    public async IAsyncEnumerable<IdentityContext> ReadAsync(EnvironmentRef environment, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(options.NdjsonPath!, Environment.CurrentDirectory);
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var identity = Read(line, environment, path, lineNumber);
            if (identity is not null)
            {
                yield return identity;
            }
        }
    }

    private static IdentityContext? Read(string line, EnvironmentRef environment, string path, int lineNumber)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var belongs = (root.TryGetProperty("environmentKey", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() == environment.Key)
                || (root.TryGetProperty("environmentId", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var n) && n == environment.Id);
            if (!belongs)
            {
                return null;
            }

            var identifier = root.GetProperty("identifier").GetString();
            if (string.IsNullOrEmpty(identifier))
            {
                throw new InvalidDataException("identifier is empty");
            }

            var traits = new Dictionary<string, TraitValue>(StringComparer.Ordinal);
            if (root.TryGetProperty("traits", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                foreach (var trait in t.EnumerateObject())
                {
                    var value = TraitValue.FromJson(trait.Value);
                    if (value.Kind != TraitValueKind.Null)
                    {
                        traits[trait.Name] = value;
                    }
                }
            }

            var identityKey = root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            return new IdentityContext(identifier, string.IsNullOrEmpty(identityKey) ? null : identityKey, traits);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path}, line {lineNumber}: not an identity document ({ex.Message})."), ex);
        }
    }
}
