using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;
using ModularAnalytics.BuildingBlocks.Api.Errors;
using ModularAnalytics.BuildingBlocks.Api.Json;
using ModularAnalytics.BuildingBlocks.Api.Limits;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.BuildingBlocks.Dashboard.Hosting;
using ModularAnalytics.BuildingBlocks.Infrastructure.Health;
using ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;
using ModularAnalytics.BuildingBlocks.Infrastructure.Messaging;
using ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Outages;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

namespace ModularAnalytics.Host;

internal static class HostComposition
{
    public const string ReadyTag = "ready";
    public const long DefaultMaxRequestBodyBytes = 32L * 1024 * 1024;

    public static WebApplicationBuilder AddModularAnalytics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes(configuration));

        services.AddSingleton(TimeProvider.System);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            UtcTimestamps.AddTo(options.SerializerOptions);
        });

        // Migrations first: hosted services start in registration order, and everything after needs the schema.
        services.AddMigrationRunner();
        services.AddHostedService<MigrateOnStartupService>();
        services.AddHostedService<ShutdownCoordinator>();

        services.AddRelationalStore(configuration);
        services.AddWarehouse(configuration);
        services.AddWarehouseMigrationStep();
        foreach (var module in ModuleCatalog.Modules)
        {
            module.Register(services, configuration);
        }

        services.AddMessaging(ModuleCatalog.Modules.Select(m => m.ApplicationAssembly));
        services.AddScheduling(configuration);
        services.AddEndpointModules(ModuleCatalog.ApiAssemblies);
        services.AddProblemResponses();
        services.AddOutageClassification();
        // Minimal APIs throw binding failures (malformed JSON) only in Development and elsewhere answer a bare 400;
        // throwing everywhere lets ProblemExceptionHandler give the contract's 400 with an errors map.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddCredentialAuthentication();
        services.AddDashboard(ModuleCatalog.ApiAssemblies);
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck<RelationalHealthCheck>("relational", tags: [ReadyTag])
            .AddWarehouseHealthCheck();
        return builder;
    }

    public static WebApplication UseModularAnalytics(this WebApplication app)
    {
        // At start, not on the first request: a newcomer finds the generated token (its path is logged) before calling.
        _ = app.Services.GetRequiredService<AdminTokenSource>();
        app.UseExceptionHandler();
        app.UseRequestBodyLimit(MaxRequestBodyBytes(app.Configuration));
        app.UseJsonTextValidation();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteHealthAsync });
        app.MapEndpointModules();
        app.MapDashboard();
        return app;
    }

    private static long MaxRequestBodyBytes(IConfiguration configuration) =>
        configuration.GetValue("Limits:MaxRequestBodyBytes", DefaultMaxRequestBodyBytes);

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsJsonAsync(body);
    }
}
