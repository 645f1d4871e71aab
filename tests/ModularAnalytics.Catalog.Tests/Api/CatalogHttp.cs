namespace ModularAnalytics.Catalog.Tests.Api;

internal sealed record VariantBody(int Id, string Key);

internal sealed record FlagBody(int Id, int ProjectId, string Key, string Description, bool Enabled, bool DataRecordsEnabled, List<VariantBody> Variants);

/// <summary>The Catalog's own steps; organisations, projects and environments come from <see cref="ApiHttp"/>.</summary>
internal static class CatalogHttp
{
    public static async Task<FlagBody> CreateFlagAsync(this HttpClient client, int projectId, string key, params string[] variants)
    {
        var response = await client.PostAsJsonAsync(
            $"/api/v1/projects/{projectId}/flags",
            new { key, variants = variants.Select(v => new { key = v }) });
        return await response.ReadJsonAsync<FlagBody>(HttpStatusCode.Created);
    }
}
