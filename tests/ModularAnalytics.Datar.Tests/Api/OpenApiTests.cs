using System.Net.Http.Json;
using System.Text.Json;
using ModularAnalytics.Datar.Tests.Support;
using ModularAnalytics.Testing;
using Xunit;

namespace ModularAnalytics.Datar.Tests.Api;

/// <summary>The OpenAPI document says what the Datar routes answer and how the segment list is cut.</summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task The_flag_summary_describes_segment_limit_and_ingestion_its_counts()
    {
        using var factory = DatarHost.Create(TestDatabase.Sqlite);
        var document = await factory.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var paths = document.GetProperty("paths");

        var flagSummary = paths.GetProperty("/api/v1/projects/{projectId}/datar/flags/{flagId}/summary").GetProperty("get");
        var description = flagSummary.GetProperty("description").GetString()!;
        Assert.Contains("segmentLimit", description, StringComparison.Ordinal);
        Assert.Contains("not summed", description, StringComparison.Ordinal);
        Assert.Contains(flagSummary.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "segmentLimit");

        var accepted = paths.GetProperty("/api/v1/evaluations").GetProperty("post").GetProperty("responses").GetProperty("202").ToString();
        foreach (var field in new[] { "accepted", "recorded", "notRecorded", "recordersOff", "flagNotRecorded" })
        {
            Assert.Contains($"\"{field}\"", accepted + ResolvedSchemas(document), StringComparison.Ordinal);
        }
    }

    // The 202 body may be inlined or a reference into components; either way its field names appear in the document.
    private static string ResolvedSchemas(JsonElement document) =>
        document.TryGetProperty("components", out var components) ? components.ToString() : string.Empty;
}
