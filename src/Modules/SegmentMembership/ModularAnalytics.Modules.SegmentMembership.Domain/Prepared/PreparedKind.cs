namespace ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;

/// <summary>A context value's Python type after Flagsmith's mapping; the numbers are what the warehouse stores.</summary>
public enum PreparedKind : byte
{
    String = 1,
    Integer = 2,
    Float = 3,
    Boolean = 4,
}
