using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;

namespace ModularAnalytics.BuildingBlocks.Api.Json;

/// <summary>
/// Refuses a JSON body whose text is not Unicode (invalid UTF-8 bytes, or an escaped lone surrogate such as
/// <c>"\ud800"</c>) with a 400 naming the field. The serializer accepts such strings inside JsonElement
/// values and fails only when a handler reads them, which would surface as a 500 far from the input.
/// </summary>
internal sealed class JsonTextValidationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength == 0 || !request.HasJsonContentType())
        {
            await next(context);
            return;
        }

        var buffer = new MemoryStream(request.ContentLength is { } length and < int.MaxValue ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (InvalidTextField(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { } field)
        {
            throw RequestValidationException.For(field, "The value is not valid Unicode text (invalid UTF-8 or a lone surrogate).");
        }

        buffer.Position = 0;
        request.Body = buffer;
        await next(context);
    }

    /// <summary>The path of the first property name or string value that is not valid Unicode; null when all are (or the JSON is malformed, which binding reports).</summary>
    internal static string? InvalidTextField(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray)
                    && frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        frames.Add(new Frame(false, null, -1));
                        break;
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame(true, null, -1));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var valid = IsValidText(ref reader);
                        frames[^1] = frames[^1] with { Name = valid ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan) };
                        if (!valid)
                        {
                            return Path(frames);
                        }

                        break;
                    case JsonTokenType.String when !IsValidText(ref reader):
                        return Path(frames);
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    private static bool IsValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Utf8.IsValid(reader.ValueSpan);
        }

        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static string Path(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Name is { } name)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(name);
            }
        }

        return path.Length == 0 ? "body" : path.ToString();
    }

    private readonly record struct Frame(bool IsArray, string? Name, int Index);
}

public static class JsonTextValidationExtensions
{
    public static IApplicationBuilder UseJsonTextValidation(this IApplicationBuilder app) =>
        app.UseMiddleware<JsonTextValidationMiddleware>();
}
