using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point: `dotnet run -c Release --project bench/ModularAnalytics.Benchmarks -- --filter '*'`.</summary>
public partial class Program;
