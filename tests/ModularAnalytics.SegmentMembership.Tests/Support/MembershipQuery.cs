using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

namespace ModularAnalytics.SegmentMembership.Tests.Support;

/// <summary>
/// Per identity of an environment: its identifier and an Array(UInt8) <c>members</c>, one element per segment — what
/// the tests compare with the oracle row by row (the module itself only counts and pages members).
/// </summary>
internal static class MembershipQuery
{
    public static ClickHouseQuery Build(string environmentId, EnvironmentContext environment, IReadOnlyList<SegmentToCompile> segments, string table = "identities", IReadOnlyDictionary<string, IReadOnlySet<string>>? traitTypes = null)
    {
        var compiler = new SegmentSqlCompiler(environment, traitTypes: traitTypes);
        var members = string.Join(",\n    ", segments.Select(s => $"toUInt8({compiler.Compile(s.Key, s.Rules)})"));
        return compiler.BuildQuery($"identifier,\n  [{members}]::Array(UInt8) AS members", environmentId, table, orderBy: "identifier");
    }
}
