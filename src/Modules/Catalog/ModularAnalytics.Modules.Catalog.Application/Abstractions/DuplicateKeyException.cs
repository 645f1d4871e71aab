namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

/// <summary>A unique index rejected a write: another request won a race that the handler's own check could not see.</summary>
internal sealed class DuplicateKeyException(string message, Exception innerException) : Exception(message, innerException);
