using ModularAnalytics.BuildingBlocks.Application.Exceptions;

namespace ModularAnalytics.BuildingBlocks.Application.Security;

public enum CallerKind
{
    Anonymous,
    Admin,
    Organisation,
    Environment,

    /// <summary>Work started by the service itself (scheduled jobs), never by a request.</summary>
    System,
}

/// <summary>Who is calling, as established by authentication.</summary>
public interface ICallerContext
{
    CallerKind Kind { get; }

    /// <summary>The organisation of an organisation token or environment key; null for the admin.</summary>
    int? OrganisationId { get; }

    /// <summary>The environment of an environment key.</summary>
    int? EnvironmentId { get; }

    /// <summary>The project of an environment key.</summary>
    int? ProjectId { get; }
}

public static class CallerContextExtensions
{
    /// <summary>Throws 404 (never 403) so that callers cannot learn that another organisation's resource exists.</summary>
    public static void EnsureCanManage(this ICallerContext caller, int organisationId, string resource, object? id)
    {
        if (!caller.CanManage(organisationId))
        {
            throw new NotFoundException(resource, id);
        }
    }

    public static bool CanManage(this ICallerContext caller, int organisationId) =>
        caller.Kind is CallerKind.Admin or CallerKind.System
        || (caller.Kind == CallerKind.Organisation && caller.OrganisationId == organisationId);
}

/// <summary>What an environment key resolves to.</summary>
public sealed record EnvironmentCredential(int EnvironmentId, int ProjectId, int OrganisationId, string EnvironmentKey);

/// <summary>Resolves bearer tokens and environment keys; implemented by the Catalog module.</summary>
public interface ICredentialResolver
{
    Task<int?> ResolveOrganisationTokenAsync(string token, CancellationToken cancellationToken);

    Task<EnvironmentCredential?> ResolveEnvironmentKeyAsync(string key, CancellationToken cancellationToken);
}
