using MediatR;
using Microsoft.Extensions.Logging;

namespace ModularAnalytics.BuildingBlocks.Application.Behaviours;

/// <summary>Logs each request's name, outcome and duration.</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger, TimeProvider time)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var started = time.GetTimestamp();
        try
        {
            var response = await next();
            logger.LogDebug("Handled {Request} in {ElapsedMs:F1} ms", name, time.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            logger.LogInformation("{Request} failed after {ElapsedMs:F1} ms: {Error}", name, time.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }
}
