namespace ModularAnalytics.BuildingBlocks.Application.Configuration;

/// <summary>Where local state lives; relative paths resolve against the working directory.</summary>
public static class StoragePaths
{
    public const string DataDirectoryKey = "Storage:DataDirectory";

    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string ResolveDataDirectory(string? configured)
    {
        var path = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        return Path.GetFullPath(path, Environment.CurrentDirectory);
    }

    /// <summary>
    /// Creates the data directory readable by its owner only (0700): it holds environment keys and the admin token.
    /// A directory left 0755 by an older version is tightened.
    /// </summary>
    public static string EnsurePrivateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return directory;
        }

        Directory.CreateDirectory(directory, OwnerOnlyDirectory);
        if ((File.GetUnixFileMode(directory) & ~OwnerOnlyDirectory) != 0)
        {
            File.SetUnixFileMode(directory, OwnerOnlyDirectory);
        }

        return directory;
    }

    /// <summary>Creates an empty file as 0600 from the start (no window in which others may read it), or tightens an existing one.</summary>
    public static void EnsurePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            using (File.Open(path, FileMode.OpenOrCreate))
            {
                return;
            }
        }

        if (File.Exists(path))
        {
            if ((File.GetUnixFileMode(path) & ~OwnerOnlyFile) != 0)
            {
                File.SetUnixFileMode(path, OwnerOnlyFile);
            }

            return;
        }

        try
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; it made it with the same mode.
        }
    }

    /// <summary>Writes a new file as 0600 from its first byte.</summary>
    public static void WritePrivateFile(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(contents);
    }
}
