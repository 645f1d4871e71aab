using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Application.Security;

namespace ModularAnalytics.BuildingBlocks.Api.Security;

public static class SecurityExtensions
{
    public static IServiceCollection AddCredentialAuthentication(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AdminTokenSource>();
        services.AddScoped<ICallerContext, HttpCallerContext>();
        services.AddAuthentication(AuthClaims.Scheme)
            .AddScheme<AuthenticationSchemeOptions, CredentialAuthenticationHandler>(AuthClaims.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Admin, p => p.RequireClaim(AuthClaims.Kind, nameof(CallerKind.Admin)))
            .AddPolicy(AuthPolicies.Management, p => p.RequireClaim(AuthClaims.Kind, nameof(CallerKind.Admin), nameof(CallerKind.Organisation)))
            .AddPolicy(AuthPolicies.Ingestion, p => p.RequireClaim(AuthClaims.Kind, nameof(CallerKind.Environment)));
        return services;
    }
}
