namespace ModularAnalytics.BuildingBlocks.Api.Security;

public static class AuthPolicies
{
    /// <summary>Only the admin token.</summary>
    public const string Admin = "admin";

    /// <summary>The admin token or an organisation token; handlers scope to the organisation.</summary>
    public const string Management = "management";

    /// <summary>An environment key (X-Environment-Key).</summary>
    public const string Ingestion = "ingestion";
}

internal static class AuthClaims
{
    public const string Scheme = "ModularAnalytics";
    public const string Kind = "ma:kind";
    public const string Organisation = "ma:organisation";
    public const string Environment = "ma:environment";
    public const string Project = "ma:project";
    public const string EnvironmentKeyHeader = "X-Environment-Key";
}
