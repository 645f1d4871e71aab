using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Outages;

public static class OutageExtensions
{
    /// <summary>Lets the problem mapping recognise relational-store and warehouse outages (answered 503 + Retry-After).</summary>
    public static IServiceCollection AddOutageClassification(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutageClassifier, RelationalOutageClassifier>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutageClassifier, WarehouseOutageClassifier>());
        return services;
    }
}
