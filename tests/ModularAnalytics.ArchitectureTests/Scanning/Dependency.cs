namespace ModularAnalytics.ArchitectureTests.Scanning;

/// <summary>
/// One use of a type by another: <paramref name="Source"/> is the user-visible type (compiler-generated state
/// machines and closures are folded into the type that declared them), <paramref name="Target"/> the type used.
/// </summary>
/// <param name="Source">Full name of the using type, nested types as <c>Outer+Inner</c>.</param>
/// <param name="SourceNamespace">Namespace of the using type (of its outermost declaring type).</param>
/// <param name="Target">Full name of the used type without generic arguments, e.g. <c>System.Collections.Generic.List`1</c>.</param>
/// <param name="TargetNamespace">Namespace of the used type (of its outermost declaring type).</param>
/// <param name="TargetAssembly">Simple name of the assembly the used type is referenced from.</param>
/// <param name="Location">Where the use is, e.g. <c>method Save body</c> or <c>base type</c>.</param>
public sealed record Dependency(
    string Source,
    string SourceNamespace,
    string Target,
    string TargetNamespace,
    string TargetAssembly,
    string Location)
{
    public override string ToString() => $"{Source} -> {Target} (via {Location})";
}
