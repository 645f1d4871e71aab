namespace ModularAnalytics.BuildingBlocks.Application.Configuration;

/// <summary>Where local state lives; relative paths resolve against the working directory.</summary>
public static class StoragePaths
{
    public const string DataDirectoryKey = "Storage:DataDirectory";

    public static string ResolveDataDirectory(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        return Path.GetFullPath(path, Environment.CurrentDirectory);
    }
}
