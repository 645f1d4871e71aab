namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

internal static class ClickHouseSqlNames
{
    public static void EnsureAlias(string alias)
    {
        if (alias.Length == 0 || !alias.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(alias[0]))
        {
            throw new ArgumentException("The row alias must be a plain identifier.", nameof(alias));
        }
    }
}
