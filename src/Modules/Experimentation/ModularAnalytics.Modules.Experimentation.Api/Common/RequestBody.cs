using ModularAnalytics.BuildingBlocks.Application.Exceptions;

namespace ModularAnalytics.Modules.Experimentation.Api.Common;

internal static class RequestBody
{
    /// <summary>Bodies bind as optional so an empty one gets the contract's 400 with an errors map.</summary>
    public static T Required<T>(T? body)
        where T : class =>
        body ?? throw RequestValidationException.For("body", "A JSON request body is required.");
}
