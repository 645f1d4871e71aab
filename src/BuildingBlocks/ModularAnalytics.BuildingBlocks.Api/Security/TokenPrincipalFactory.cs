using System.Globalization;
using System.Security.Claims;
using ModularAnalytics.BuildingBlocks.Application.Security;

namespace ModularAnalytics.BuildingBlocks.Api.Security;

/// <summary>
/// Turns an admin or organisation token into the same claims the bearer scheme gives, for a session scheme
/// (the dashboard's cookie) that must scope every query exactly as the API does. The token itself is not kept.
/// </summary>
public sealed class TokenPrincipalFactory(AdminTokenSource adminToken, ICredentialResolver resolver)
{
    private const int MaxTokenLength = 200;

    public async Task<ClaimsPrincipal?> CreateAsync(string? token, string authenticationType, CancellationToken cancellationToken)
    {
        var candidate = token?.Trim();
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxTokenLength)
        {
            return null;
        }

        if (adminToken.Matches(candidate))
        {
            return Principal(authenticationType, new Claim(AuthClaims.Kind, nameof(CallerKind.Admin)));
        }

        return await resolver.ResolveOrganisationTokenAsync(candidate, cancellationToken) is { } organisationId
            ? Principal(
                authenticationType,
                new Claim(AuthClaims.Kind, nameof(CallerKind.Organisation)),
                new Claim(AuthClaims.Organisation, organisationId.ToString(CultureInfo.InvariantCulture)))
            : null;
    }

    private static ClaimsPrincipal Principal(string authenticationType, params Claim[] claims) =>
        new(new ClaimsIdentity(claims, authenticationType));
}
