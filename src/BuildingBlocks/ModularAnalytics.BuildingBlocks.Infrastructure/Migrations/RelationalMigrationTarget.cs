using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Migrations;

/// <summary>One module's relational schema, migrated at start-up or by the `migrate` command.</summary>
public interface IRelationalMigrationTarget
{
    string Name { get; }

    /// <summary>The module's DbContext type, resolvable from a scope.</summary>
    Type ContextType { get; }

    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);

    Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class RelationalMigrationTarget<TContext> : IRelationalMigrationTarget
    where TContext : DbContext
{
    public string Name => typeof(TContext).Name;

    public Type ContextType => typeof(TContext);

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        await context.Database.MigrateAsync(cancellationToken);
    }

    public async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        return await context.Database.CanConnectAsync(cancellationToken);
    }
}
