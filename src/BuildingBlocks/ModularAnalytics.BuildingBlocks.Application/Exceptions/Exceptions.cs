namespace ModularAnalytics.BuildingBlocks.Application.Exceptions;

/// <summary>The resource does not exist, or the caller may not know that it does (404).</summary>
public sealed class NotFoundException(string resource, object? id)
    : Exception(id is null ? $"{resource} was not found." : $"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;
}

/// <summary>The request conflicts with the current state (409).</summary>
public sealed class ConflictException(string message) : Exception(message);

/// <summary>A feature the request needs is switched off or unavailable (503).</summary>
public sealed class ServiceUnavailableException(string message) : Exception(message);

/// <summary>A request failed validation outside FluentValidation (400 with a field -> messages map).</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more validation errors occurred.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}
