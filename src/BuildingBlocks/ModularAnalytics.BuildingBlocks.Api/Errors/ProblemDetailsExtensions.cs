using Microsoft.Extensions.DependencyInjection;

namespace ModularAnalytics.BuildingBlocks.Api.Errors;

public static class ProblemDetailsExtensions
{
    public static IServiceCollection AddProblemResponses(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
