namespace ModularAnalytics.BuildingBlocks.Application.Exceptions;

/// <summary>
/// Recognises a dependency's transport failure (connection refused, dropped, timed out) among exceptions, so that
/// every route answers 503 for an outage without each handler catching driver-specific types.
/// </summary>
public interface IOutageClassifier
{
    /// <summary>The dependency's public name ("the relational store", "the warehouse") when the exception says it is unreachable, else null.</summary>
    string? UnreachableDependency(Exception exception);
}
