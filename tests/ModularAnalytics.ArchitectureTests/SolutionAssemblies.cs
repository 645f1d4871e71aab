using ModularAnalytics.ArchitectureTests.Scanning;

namespace ModularAnalytics.ArchitectureTests;

/// <summary>The solution's assemblies in the test output directory, read and scanned once per test class.</summary>
public sealed class SolutionAssemblies : IDisposable
{
    public SolutionAssemblies()
    {
        Set = AssemblySet.LoadSolution(AppContext.BaseDirectory);
        Dependencies = DependencyScanner.Scan(Set.Assemblies);
    }

    public AssemblySet Set { get; }

    public IReadOnlyList<Dependency> Dependencies { get; }

    public void Dispose() => Set.Dispose();
}

/// <summary>The deliberately broken fixtures, scanned once.</summary>
public sealed class FixtureAssembly : IDisposable
{
    public FixtureAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ModularAnalytics.ArchitectureTests.Fixtures.dll");
        Set = AssemblySet.Load([path]);
        Dependencies = DependencyScanner.Scan(Set.Assemblies);
    }

    public AssemblySet Set { get; }

    public IReadOnlyList<Dependency> Dependencies { get; }

    public void Dispose() => Set.Dispose();
}

/// <summary>The checkout the tests run from: the nearest folder above the test binaries holding the solution file.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModularAnalytics.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ModularAnalytics.sln above {AppContext.BaseDirectory}.");
    }
}
