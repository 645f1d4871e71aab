using System.Diagnostics.CodeAnalysis;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;

namespace ModularAnalytics.Modules.Catalog.Api.Common;

internal static class RequestBody
{
    /// <summary>
    /// Bodies are bound as optional so that an empty one reaches us: the contract wants a 400 with an errors
    /// map, where the framework would answer a bare 400.
    /// </summary>
    public static T Required<T>([NotNull] T? body)
        where T : class =>
        body ?? throw RequestValidationException.For("body", "A JSON request body is required.");
}
