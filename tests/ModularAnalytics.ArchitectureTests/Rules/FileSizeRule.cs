namespace ModularAnalytics.ArchitectureTests.Rules;

/// <summary>
/// "No source file over N lines": long files hide several concerns. A file may stay long only with a reason in the
/// allow-list, and an entry whose file is no longer long (or gone) is reported too, so the list stays true.
/// </summary>
public sealed class FileSizeRule(string name, int maxLines, IReadOnlyDictionary<string, string> allowed)
{
    public string Name { get; } = name;

    public int MaxLines { get; } = maxLines;

    /// <summary>Paths relative to the scanned folder, with '/' separators, and why each may be long.</summary>
    public IReadOnlyDictionary<string, string> Allowed { get; } = allowed;

    /// <summary>Checks every C# file under <paramref name="folder"/>, leaving out build output.</summary>
    public IReadOnlyList<Violation> Check(string folder)
    {
        var sizes = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
            .ToDictionary(path => path, path => File.ReadLines(Path.Combine(folder, path)).Count(), StringComparer.Ordinal);

        var tooLong = sizes
            .Where(file => file.Value > MaxLines && !Allowed.ContainsKey(file.Key))
            .Select(file => new Violation(Name, file.Key, $"{file.Value} lines", $"over {MaxLines}: split it, or record why it stays in the allow-list"));
        var stale = Allowed.Keys
            .Where(path => !sizes.TryGetValue(path, out var lines) || lines <= MaxLines)
            .Select(path => new Violation(Name, path, "allow-listed", $"not over {MaxLines} lines (or gone): remove it from the allow-list"));

        return [.. tooLong.Concat(stale).OrderBy(v => v.Type, StringComparer.Ordinal)];
    }
}
