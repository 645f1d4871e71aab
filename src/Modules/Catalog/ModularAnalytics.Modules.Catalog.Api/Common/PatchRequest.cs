using System.Runtime.CompilerServices;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Api.Common;

/// <summary>
/// Base of PATCH bodies: the serializer calls a property's setter only when the JSON has that property (null
/// included), so setters record presence and <see cref="Field{T}"/> tells "absent" from "null". The properties
/// stay plain nullable types, which is also what the OpenAPI document shows.
/// </summary>
internal abstract class PatchRequest
{
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    protected T Present<T>(T value, [CallerMemberName] string property = "")
    {
        _present.Add(property);
        return value;
    }

    protected Optional<T> Field<T>(T value, string property) =>
        _present.Contains(property) ? Optional<T>.Of(value) : Optional<T>.Unset;
}
