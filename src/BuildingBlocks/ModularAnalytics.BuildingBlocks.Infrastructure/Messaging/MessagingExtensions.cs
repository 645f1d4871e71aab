using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Application.Behaviours;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Messaging;

public static class MessagingExtensions
{
    /// <summary>MediatR 5 with handlers and validators found by Scrutor (internal types included).</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services, IEnumerable<Assembly> assemblies)
    {
        var scanned = assemblies.Distinct().ToArray();
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.Scan(scan => scan
            .FromAssemblies(scanned)
            .AddClasses(c => c.AssignableTo(typeof(IRequestHandler<,>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());

        // Order matters: logging wraps validation so that rejected requests are logged too.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        return services;
    }
}
