using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Domain;

namespace ModularAnalytics.BuildingBlocks.Api.Errors;

/// <summary>Turns every exception into an RFC 9457 problem; unexpected ones become a 500 without internals.</summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problems,
    IEnumerable<IOutageClassifier> outageClassifiers,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying a 503: long enough for a store to restart, short enough to notice recovery.</summary>
    internal const int RetryAfterSeconds = 5;

    private readonly IOutageClassifier[] _outageClassifiers = outageClassifiers.ToArray();

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = UnreachableDependency(exception) is { } dependency
            ? Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", DependencyNames.UnavailableDetail(dependency))
            : Map(exception);
        if (problem.Status >= 500 && problem.Status != StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning(exception, "Answered 503 for {Method} {Path}: {Detail}", httpContext.Request.Method, httpContext.Request.Path, problem.Detail);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Looks through wrappers (EF Core's DbUpdateException, retry strategies, aggregates) for a transport failure.</summary>
    private string? UnreachableDependency(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var classifier in _outageClassifiers)
            {
                if (classifier.UnreachableDependency(current) is { } dependency)
                {
                    return dependency;
                }
            }

            if (current is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (current.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return null;
    }

    internal static ProblemDetails Map(Exception exception) => exception switch
    {
        ValidationException v => Validation(v.Errors
            .GroupBy(e => ToCamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        RequestValidationException r => Validation(r.Errors.ToDictionary(kv => kv.Key, kv => kv.Value)),
        DomainException d => Validation(new Dictionary<string, string[]> { [d.Field] = [d.Message] }),
        NotFoundException n => Problem(StatusCodes.Status404NotFound, "Not Found", n.Message),
        ConflictException c => Problem(StatusCodes.Status409Conflict, "Conflict", c.Message),
        ServiceUnavailableException s => Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", s.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            Problem(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", "The request body is larger than this endpoint accepts."),
        BadHttpRequestException b when b.InnerException is JsonException j => Validation(new Dictionary<string, string[]>
        {
            [JsonPath(j)] = ["The request body is not valid JSON for this endpoint: " + FirstLine(j.Message)],
        }),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } b when BoundParameter(b.Message) is { } field =>
            Validation(new Dictionary<string, string[]> { [field] = [FirstLine(b.Message)] }),
        BadHttpRequestException b => Problem(b.StatusCode, "Bad Request", FirstLine(b.Message)),
        JsonException j => Validation(new Dictionary<string, string[]> { [JsonPath(j)] = ["Malformed JSON: " + FirstLine(j.Message)] }),
        OperationCanceledException => Problem(499, "Client Closed Request", "The request was cancelled."),
        _ => Problem(StatusCodes.Status500InternalServerError, "Internal Server Error", "An unexpected error occurred."),
    };

    private static ValidationProblemDetails Validation(IDictionary<string, string[]> errors) =>
        new(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    /// <summary>
    /// The field a Minimal API binding failure is about: its messages quote the parameter as "Type name"
    /// (e.g. <c>Failed to bind parameter "int limit" from "abc".</c>); a body parameter is reported as "body".
    /// </summary>
    internal static string? BoundParameter(string message)
    {
        if (message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return "body";
        }

        var match = ParameterPattern().Match(message);
        return match.Success ? ToCamelPath(match.Groups["name"].Value) : null;
    }

    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[^" ]+)"(?: from)?""")]
    private static partial Regex ParameterPattern();

    private static string JsonPath(JsonException j) =>
        string.IsNullOrEmpty(j.Path) || j.Path == "$" ? "body" : j.Path.TrimStart('$', '.');

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    /// <summary>FluentValidation names members in PascalCase ("Variants[0].Key"); the contract speaks camelCase.</summary>
    internal static string ToCamelPath(string propertyName)
    {
        if (string.IsNullOrEmpty(propertyName))
        {
            return "body";
        }

        var parts = propertyName.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length > 0 && char.IsUpper(parts[i][0]))
            {
                parts[i] = char.ToLowerInvariant(parts[i][0]) + parts[i][1..];
            }
        }

        return string.Join('.', parts);
    }
}
