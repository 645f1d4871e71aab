using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Api.Security;

namespace ModularAnalytics.BuildingBlocks.Dashboard.Hosting;

public static class DashboardExtensions
{
    /// <summary>
    /// The dashboard: Razor Pages from the given assemblies (each module's Api) plus the shell here, behind a
    /// cookie session that carries the same claims as a bearer token, never the token itself.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services, IEnumerable<Assembly> pageAssemblies)
    {
        services.AddScoped<TokenPrincipalFactory>();
        services.AddAuthentication()
            .AddCookie(DashboardAuth.Scheme, options =>
            {
                options.Cookie.Name = "ma_dashboard";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = DashboardAuth.SignInPath;
                options.LogoutPath = DashboardAuth.SignOutPath;
                options.AccessDeniedPath = DashboardAuth.SignInPath;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardAuth.Policy, policy => policy.AddAuthenticationSchemes(DashboardAuth.Scheme).RequireAuthenticatedUser());
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "ma_dashboard_af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var assemblies = pageAssemblies.Append(typeof(DashboardExtensions).Assembly).Distinct().ToList();
        services.AddRazorPages(options =>
            {
                // Pages live in a Dashboard folder of each module's Api project and declare absolute routes.
                options.RootDirectory = "/";
                options.Conventions.AuthorizeFolder("/", DashboardAuth.Policy);
                options.Conventions.AllowAnonymousToPage("/Dashboard/Shell/SignIn");
                options.Conventions.AllowAnonymousToPage("/Dashboard/Shell/SignOut");
            })
            .AddMvcOptions(options =>
            {
                options.Filters.Add<DashboardExceptionFilter>();
                options.Filters.Add<DashboardHeadersFilter>();
            })
            .ConfigureApplicationPartManager(manager =>
            {
                foreach (var assembly in assemblies)
                {
                    var factory = ApplicationPartFactory.GetApplicationPartFactory(assembly);
                    foreach (var part in factory.GetApplicationParts(assembly))
                    {
                        if (!manager.ApplicationParts.Any(p => p.GetType() == part.GetType() && p.Name == part.Name))
                        {
                            manager.ApplicationParts.Add(part);
                        }
                    }
                }
            });
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        DashboardAssets.Map(app);
        return app;
    }
}
