namespace ModularAnalytics.Modules.Catalog.Application.Common;

/// <summary>
/// A PATCH field: <see cref="IsSet"/> tells "absent" (leave unchanged) from "present", whose value may be null
/// (which validators reject for fields that cannot be null).
/// </summary>
internal readonly record struct Optional<T>(bool IsSet, T Value)
{
    public static Optional<T> Unset => default;

    public static Optional<T> Of(T value) => new(true, value);
}
