using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ModularAnalytics.BuildingBlocks.Api.Endpoints;

public static class EndpointModuleExtensions
{
    public static IServiceCollection AddEndpointModules(this IServiceCollection services, IEnumerable<Assembly> assemblies) =>
        services.Scan(scan => scan
            .FromAssemblies(assemblies)
            .AddClasses(c => c.AssignableTo<IEndpointModule>(), publicOnly: false)
            .As<IEndpointModule>()
            .WithSingletonLifetime());

    public static WebApplication MapEndpointModules(this WebApplication app)
    {
        var api = app.MapGroup(string.Empty);
        foreach (var module in app.Services.GetServices<IEndpointModule>())
        {
            module.AddRoutes(api);
        }

        return app;
    }
}
