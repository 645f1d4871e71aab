namespace ModularAnalytics.Modules.Catalog.Domain.Flags;

public sealed class Variant
{
    private Variant()
    {
    }

    internal Variant(string key)
    {
        Key = key;
    }

    public int Id { get; private set; }

    public int FlagId { get; private set; }

    public string Key { get; private set; } = string.Empty;
}
