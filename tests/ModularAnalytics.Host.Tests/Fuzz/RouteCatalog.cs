using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ModularAnalytics.Host.Tests.Fuzz;

/// <summary>One API route as the running app maps it: what the fuzzer may send to it.</summary>
internal sealed record FuzzRoute(string Method, string Pattern, IReadOnlyList<string> RouteParameters, Type? BodyType, IReadOnlyList<QueryParameter> Query, string? Policy)
{
    public string Name => $"{Method} {Pattern}";
}

internal sealed record QueryParameter(string Name, Type Type);

/// <summary>Reads the routes from the app's own EndpointDataSource, so routes added later are fuzzed without editing the test.</summary>
internal static class RouteCatalog
{
    private static readonly HashSet<Type> Services =
    [
        typeof(CancellationToken), typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(System.Security.Claims.ClaimsPrincipal),
    ];

    public static IReadOnlyList<FuzzRoute> ApiRoutes(EndpointDataSource source) =>
        source.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => Describe(e, method)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    private static FuzzRoute Describe(RouteEndpoint endpoint, string method)
    {
        var routeParameters = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var bodyType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var handler = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault();
        var query = handler?.GetParameters()
            .Where(p => p.Name is not null && IsQueryCandidate(p, routeParameters, bodyType))
            .Select(p => new QueryParameter(p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!, p.ParameterType))
            .ToList() ?? [];
        var policy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        return new FuzzRoute(method, endpoint.RoutePattern.RawText!, routeParameters, bodyType, query, policy);
    }

    private static bool IsQueryCandidate(ParameterInfo parameter, List<string> routeParameters, Type? bodyType)
    {
        if (parameter.GetCustomAttribute<FromQueryAttribute>() is not null)
        {
            return true;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return !routeParameters.Contains(parameter.Name!, StringComparer.OrdinalIgnoreCase)
            && type != bodyType
            && !Services.Contains(type)
            && parameter.GetCustomAttribute<FromServicesAttribute>() is null
            && parameter.GetCustomAttribute<FromBodyAttribute>() is null
            && (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
                || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly));
    }
}
