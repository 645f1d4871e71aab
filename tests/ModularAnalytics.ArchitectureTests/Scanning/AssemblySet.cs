using Mono.Cecil;

namespace ModularAnalytics.ArchitectureTests.Scanning;

/// <summary>Assemblies read with Cecil from disk, able to resolve the framework and the packages beside them.</summary>
public sealed class AssemblySet : IDisposable
{
    private readonly DefaultAssemblyResolver _resolver = new();

    private AssemblySet(IReadOnlyList<string> paths)
    {
        var directories = paths.Select(Path.GetDirectoryName).OfType<string>()
            .Append(AppContext.BaseDirectory)
            // The shared frameworks, so that base types such as System.Object or ControllerBase resolve.
            .Append(Path.GetDirectoryName(typeof(object).Assembly.Location)!)
            .Append(Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!)
            .Distinct(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            _resolver.AddSearchDirectory(directory);
        }

        var parameters = new ReaderParameters { AssemblyResolver = _resolver, ReadSymbols = false, InMemory = true };
        Assemblies = paths.Select(p => AssemblyDefinition.ReadAssembly(p, parameters)).ToList();
    }

    public IReadOnlyList<AssemblyDefinition> Assemblies { get; }

    public IEnumerable<string> Names => Assemblies.Select(a => a.Name.Name);

    public static AssemblySet Load(IEnumerable<string> paths) => new(paths.ToList());

    /// <summary>The solution's own assemblies in <paramref name="directory"/>: ModularAnalytics.*.dll without test assemblies.</summary>
    public static AssemblySet LoadSolution(string directory) =>
        Load(Directory.GetFiles(directory, "ModularAnalytics.*.dll")
            .Where(p => !IsTestAssembly(Path.GetFileNameWithoutExtension(p)))
            .Order(StringComparer.Ordinal));

    public void Dispose()
    {
        foreach (var assembly in Assemblies)
        {
            assembly.Dispose();
        }

        _resolver.Dispose();
    }

    private static bool IsTestAssembly(string name) =>
        name.EndsWith(".Tests", StringComparison.Ordinal)
        || name.Contains(".ArchitectureTests", StringComparison.Ordinal)
        || name == "ModularAnalytics.Testing";
}
