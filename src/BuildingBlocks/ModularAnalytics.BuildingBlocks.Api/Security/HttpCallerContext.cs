using System.Globalization;
using Microsoft.AspNetCore.Http;
using ModularAnalytics.BuildingBlocks.Application.Security;

namespace ModularAnalytics.BuildingBlocks.Api.Security;

/// <summary>The caller of the current request; outside a request (scheduled jobs) the service itself.</summary>
internal sealed class HttpCallerContext(IHttpContextAccessor accessor) : ICallerContext
{
    public CallerKind Kind
    {
        get
        {
            var context = accessor.HttpContext;
            if (context is null)
            {
                return CallerKind.System;
            }

            var kind = context.User.FindFirst(AuthClaims.Kind)?.Value;
            return Enum.TryParse<CallerKind>(kind, out var parsed) && parsed != CallerKind.System ? parsed : CallerKind.Anonymous;
        }
    }

    public int? OrganisationId => Read(AuthClaims.Organisation);

    public int? EnvironmentId => Read(AuthClaims.Environment);

    public int? ProjectId => Read(AuthClaims.Project);

    private int? Read(string claim) =>
        accessor.HttpContext?.User.FindFirst(claim)?.Value is { } value
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : null;
}
