using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Modules.Datar.Application.Abstractions;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence;

/// <summary><see cref="IHourlyEventStoreFactory"/> over a DI scope per use, so each flush gets its own DbContext.</summary>
internal sealed class ScopedHourlyEventStoreFactory(IServiceScopeFactory scopes) : IHourlyEventStoreFactory
{
    public async Task<T> UseAsync<T>(Func<IHourlyEventStore, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<IHourlyEventStore>());
    }
}
