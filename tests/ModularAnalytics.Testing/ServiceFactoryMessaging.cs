using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ModularAnalytics.Testing;

public static class ServiceFactoryMessaging
{
    /// <summary>Sends a request through MediatR in a scope of its own, as another module's handler would.</summary>
    public static async Task<T> SendAsync<T>(this ServiceFactory factory, IRequest<T> request)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}
