using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Catalog.Tests.Api;

/// <summary>Flags with their variants: the whole lifecycle and its validation; run once per relational provider.</summary>
public abstract class FlagApiTests(ServiceFactory factory)
{
    [Fact]
    public async Task A_flag_is_created_read_patched_and_deleted_with_its_variants()
    {
        using var owned = await factory.CreateOwnedProjectAsync();
        var (organisation, project, client) = owned;
        var flagsUrl = $"/api/v1/projects/{project.Id}/flags";

        var response = await client.PostAsJsonAsync(flagsUrl, new { key = "new-checkout", variants = new[] { new { key = "control" }, new { key = "treatment" } } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<FlagBody>())!;
        var url = $"{flagsUrl}/{created.Id}";
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        Assert.Equal(project.Id, created.ProjectId);
        Assert.Equal("new-checkout", created.Key);
        Assert.Equal(string.Empty, created.Description);
        Assert.True(created.Enabled);
        Assert.False(created.DataRecordsEnabled);
        Assert.Equal(["control", "treatment"], created.Variants.Select(v => v.Key));
        Assert.Equal(2, created.Variants.Select(v => v.Id).Distinct().Count());

        var read = (await client.GetFromJsonAsync<FlagBody>(url))!;
        Assert.Equal(created.Variants, read.Variants);
        Assert.Equal(created with { Variants = read.Variants }, read);

        // Keep "control", drop "treatment", add "holdout": the kept variant keeps its id.
        var patchResponse = await client.PatchAsJsonAsync(url, new
        {
            description = "Checkout rewrite",
            dataRecordsEnabled = true,
            variants = new[] { new { key = "holdout" }, new { key = "control" } },
        });
        Assert.Equal(HttpStatusCode.OK, patchResponse.StatusCode);
        var patched = (await patchResponse.Content.ReadFromJsonAsync<FlagBody>())!;
        Assert.Equal("Checkout rewrite", patched.Description);
        Assert.True(patched.Enabled);
        Assert.True(patched.DataRecordsEnabled);
        Assert.Equal("new-checkout", patched.Key);
        var control = created.Variants.Single(v => v.Key == "control");
        Assert.Contains(control, patched.Variants);
        Assert.DoesNotContain(patched.Variants, v => v.Key == "treatment");
        var holdout = Assert.Single(patched.Variants, v => v.Key == "holdout");
        Assert.DoesNotContain(holdout.Id, created.Variants.Select(v => v.Id));

        var disabled = (await (await client.PatchAsJsonAsync(url, new { enabled = false })).Content.ReadFromJsonAsync<FlagBody>())!;
        Assert.False(disabled.Enabled);
        Assert.Equal(patched.Variants, disabled.Variants);
        Assert.Equal("Checkout rewrite", disabled.Description);

        var info = await factory.SendAsync(new GetFlagByKeyQuery(project.Id, "new-checkout"));
        Assert.NotNull(info);
        Assert.Equal((created.Id, project.Id, "new-checkout", "Checkout rewrite", false, true), (info.Id, info.ProjectId, info.Key, info.Description, info.Enabled, info.DataRecordsEnabled));
        Assert.Equal(disabled.Variants.Select(v => new VariantInfo(v.Id, v.Key)), info.Variants);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(url)).StatusCode);
        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.PatchAsJsonAsync(url, new { enabled = true })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Null(await factory.SendAsync(new GetFlagByIdQuery(created.Id)));
        Assert.Null(await factory.SendAsync(new GetFlagByKeyQuery(project.Id, "new-checkout")));

        // The row survives for other modules' history, marked deleted.
        var store = factory.Store();
        var rows = await store.QueryAsync(
            $"SELECT deleted_at FROM {store.QualifiedTable("catalog", "flags")} WHERE id = @id", ("@id", created.Id));
        Assert.NotNull(Assert.Single(rows)[0]);

        // The key is free again.
        var again = await client.CreateFlagAsync(project.Id, "new-checkout");
        Assert.NotEqual(created.Id, again.Id);
    }

    [Fact]
    public async Task Invalid_flags_are_rejected_with_the_offending_field_named()
    {
        using var owned = await factory.CreateOwnedProjectAsync();
        var (organisation, project, client) = owned;
        var flagsUrl = $"/api/v1/projects/{project.Id}/flags";
        await client.CreateFlagAsync(project.Id, "taken");

        async Task<Dictionary<string, string[]>> PostAsync(string json) =>
            await (await client.SendJsonAsync(HttpMethod.Post, flagsUrl, json)).AssertValidationProblemAsync();

        Assert.Equal(["variants[1].key"], (await PostAsync("""{"key":"f1","variants":[{"key":"ok"},{"key":"not ok"}]}""")).Keys);
        Assert.Equal(["variants[2].key"], (await PostAsync("""{"key":"f2","variants":[{"key":"a"},{"key":"b"},{"key":"a"}]}""")).Keys);
        Assert.Equal(["variants[0].key"], (await PostAsync("""{"key":"f3","variants":[{}]}""")).Keys);
        Assert.Equal(["variants[0]"], (await PostAsync("""{"key":"f4","variants":[null]}""")).Keys);
        var tooMany = string.Join(',', Enumerable.Range(0, 101).Select(i => $$"""{"key":"v{{i}}"}"""));
        Assert.Equal(["variants"], (await PostAsync($$"""{"key":"f5","variants":[{{tooMany}}]}""")).Keys);
        Assert.Equal(["key"], (await PostAsync("""{"variants":[]}""")).Keys);
        Assert.Equal(["key"], (await PostAsync("""{"key":"has space"}""")).Keys);
        Assert.Equal(["key"], (await PostAsync($$"""{"key":"{{new string('k', 101)}}"}""")).Keys);
        Assert.Equal(["description"], (await PostAsync($$"""{"key":"f6","description":"{{new string('d', 2001)}}"}""")).Keys);
        var duplicate = await PostAsync("""{"key":"taken","variants":[]}""");
        Assert.Contains("already", Assert.Single(duplicate["key"]), StringComparison.Ordinal);

        // None of the rejected flags exists.
        var flags = await factory.SendAsync(new GetProjectFlagsQuery(project.Id));
        Assert.Equal(["taken"], flags.Select(f => f.Key));

        var flag = await client.CreateFlagAsync(project.Id, "patchable", "a");
        var url = $"{flagsUrl}/{flag.Id}";
        async Task<Dictionary<string, string[]>> PatchAsync(string json) =>
            await (await client.SendJsonAsync(HttpMethod.Patch, url, json)).AssertValidationProblemAsync();

        Assert.Equal(["enabled"], (await PatchAsync("""{"enabled":null}""")).Keys);
        Assert.Equal(["dataRecordsEnabled"], (await PatchAsync("""{"dataRecordsEnabled":null}""")).Keys);
        Assert.Equal(["description"], (await PatchAsync("""{"description":null}""")).Keys);
        Assert.Equal(["variants"], (await PatchAsync("""{"variants":null}""")).Keys);
        Assert.Equal(["variants[1].key"], (await PatchAsync("""{"variants":[{"key":"a"},{"key":"a"}]}""")).Keys);
        var unchanged = (await client.GetFromJsonAsync<FlagBody>(url))!;
        Assert.Equal(flag.Variants, unchanged.Variants);
        Assert.Equal(flag with { Variants = unchanged.Variants }, unchanged);
    }
}

public sealed class SqliteFlagApiTests(SqliteServiceFactory factory) : FlagApiTests(factory), IClassFixture<SqliteServiceFactory>;

public sealed class PostgresFlagApiTests(PostgresServiceFactory factory) : FlagApiTests(factory), IClassFixture<PostgresServiceFactory>;
