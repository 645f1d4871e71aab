using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ModularAnalytics.BuildingBlocks.Api.Security;
using ModularAnalytics.BuildingBlocks.Dashboard.Hosting;

namespace ModularAnalytics.BuildingBlocks.Dashboard.Dashboard.Shell;

internal sealed class SignInModel(TokenPrincipalFactory principals) : PageModel
{
    public bool Failed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? token, string? returnUrl, CancellationToken cancellationToken)
    {
        var principal = await principals.CreateAsync(token, DashboardAuth.Scheme, cancellationToken);
        if (principal is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        await HttpContext.SignInAsync(DashboardAuth.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
