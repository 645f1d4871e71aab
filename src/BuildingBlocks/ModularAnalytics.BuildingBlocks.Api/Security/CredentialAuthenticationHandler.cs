using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModularAnalytics.BuildingBlocks.Application.Security;

namespace ModularAnalytics.BuildingBlocks.Api.Security;

/// <summary>Reads the admin token, an organisation token (both bearer) or an environment key into claims.</summary>
internal sealed class CredentialAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminTokenSource adminToken,
    ICredentialResolver resolver,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.TryGetValue(AuthClaims.EnvironmentKeyHeader, out var keyValues))
        {
            var key = keyValues.ToString().Trim();
            var environment = key.Length is > 0 and <= 200
                ? await resolver.ResolveEnvironmentKeyAsync(key, Context.RequestAborted)
                : null;
            return environment is null
                ? AuthenticateResult.Fail("Unknown environment key.")
                : Success(CallerKind.Environment, environment.OrganisationId, environment.EnvironmentId, environment.ProjectId);
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return AuthenticateResult.NoResult();
        }

        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Only bearer tokens are accepted.");
        }

        var token = authorization["Bearer ".Length..].Trim();
        if (token.Length is 0 or > 200)
        {
            return AuthenticateResult.Fail("Invalid token.");
        }

        if (adminToken.Matches(token))
        {
            return Success(CallerKind.Admin, null, null, null);
        }

        var organisationId = await resolver.ResolveOrganisationTokenAsync(token, Context.RequestAborted);
        return organisationId is null
            ? AuthenticateResult.Fail("Invalid token.")
            : Success(CallerKind.Organisation, organisationId, null, null);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteUnauthorizedAsync("A valid credential is required: a bearer token, or an X-Environment-Key for ingestion.");

    // The contract knows 401 and 404 only: a credential of the wrong kind for a call is a wrong credential.
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteUnauthorizedAsync("This credential cannot be used for this call.");

    private async Task WriteUnauthorizedAsync(string detail)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = 401, Title = "Unauthorized", Detail = detail },
        });
    }

    private AuthenticateResult Success(CallerKind kind, int? organisationId, int? environmentId, int? projectId)
    {
        var claims = new List<Claim> { new(AuthClaims.Kind, kind.ToString()) };
        if (organisationId is { } o)
        {
            claims.Add(new Claim(AuthClaims.Organisation, o.ToString(CultureInfo.InvariantCulture)));
        }

        if (environmentId is { } e)
        {
            claims.Add(new Claim(AuthClaims.Environment, e.ToString(CultureInfo.InvariantCulture)));
        }

        if (projectId is { } p)
        {
            claims.Add(new Claim(AuthClaims.Project, p.ToString(CultureInfo.InvariantCulture)));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
