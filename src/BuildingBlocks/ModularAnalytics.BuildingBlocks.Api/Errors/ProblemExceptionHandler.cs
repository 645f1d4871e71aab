using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Domain;

namespace ModularAnalytics.BuildingBlocks.Api.Errors;

/// <summary>Turns every exception into an RFC 9457 problem; unexpected ones become a 500 without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500 && problem.Status != StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
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
