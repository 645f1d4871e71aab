using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Testing;

namespace ModularAnalytics.Dashboard.Tests.Support;

/// <summary>
/// Two organisations. Acme's project has two environments, three flags (two with traffic), two segments counted
/// over known identities; Globex's project exists only to be invisible to Acme.
/// </summary>
public sealed class SeededSite() : KestrelSite(new ServiceFactory(TestDatabase.Sqlite, embeddedWarehouse: true)
    .WithSetting("Recorder:Enabled", "true")
    .WithSetting("Recorder:Type", "datar")
    .WithSetting("Recorder:Datar:FlushInterval", "01:00:00")
    .WithSetting("Experimentation:RefreshDelay", "00:00:00.200"))
{
    public string AcmeToken { get; private set; } = string.Empty;

    public string GlobexToken { get; private set; } = string.Empty;

    public int AcmeProject { get; private set; }

    public int GlobexProject { get; private set; }

    public int Production { get; private set; }

    public int Staging { get; private set; }

    public string ProductionKey { get; private set; } = string.Empty;

    public int ProSegment { get; private set; }

    public int DutchSegment { get; private set; }

    public int CheckoutFlag { get; private set; }

    public int GlobexFlag { get; private set; }

    public int RunningExperiment { get; private set; }

    public int EndedExperiment { get; private set; }

    protected override async Task SeedAsync()
    {
        using var admin = Client();
        var acme = await PostAsync(admin, "/api/v1/organisations", new { name = "Acme", segmentMembershipInspection = true });
        var globex = await PostAsync(admin, "/api/v1/organisations", new { name = "Globex", segmentMembershipInspection = true });
        AcmeToken = acme.GetProperty("apiToken").GetString()!;
        GlobexToken = globex.GetProperty("apiToken").GetString()!;

        using var acmeClient = Client(AcmeToken);
        AcmeProject = Id(await PostAsync(acmeClient, "/api/v1/projects", new { organisationId = Id(acme), name = "Web shop" }));
        var production = await PostAsync(acmeClient, $"/api/v1/projects/{AcmeProject}/environments", new { name = "production" });
        var staging = await PostAsync(acmeClient, $"/api/v1/projects/{AcmeProject}/environments", new { name = "staging" });
        Production = Id(production);
        ProductionKey = production.GetProperty("key").GetString()!;
        Staging = Id(staging);

        var checkout = await PostAsync(acmeClient, $"/api/v1/projects/{AcmeProject}/flags",
            new { key = "checkout", description = "New checkout", dataRecordsEnabled = true, variants = new[] { new { key = "control" }, new { key = "treatment" } } });
        var search = await PostAsync(acmeClient, $"/api/v1/projects/{AcmeProject}/flags",
            new { key = "search", description = "Search box", dataRecordsEnabled = true, variants = new[] { new { key = "on" }, new { key = "off" } } });
        await PostAsync(acmeClient, $"/api/v1/projects/{AcmeProject}/flags",
            new { key = "dark-mode", dataRecordsEnabled = true, variants = new[] { new { key = "on" } } });
        CheckoutFlag = Id(checkout);

        ProSegment = Id(await PostAsync(acmeClient, $"/api/v1/projects/{AcmeProject}/segments", new
        {
            name = "Pro plan",
            rules = new[] { new { type = "ALL", conditions = new[] { new { @operator = "EQUAL", property = "plan", value = "pro" } }, rules = Array.Empty<object>() } },
        }));
        DutchSegment = Id(await PostAsync(acmeClient, $"/api/v1/projects/{AcmeProject}/segments", new
        {
            name = "Dutch users",
            description = "Customers in the Netherlands",
            rules = new[] { new { type = "ANY", conditions = new[] { new { @operator = "EQUAL", property = "country", value = "NL" } }, rules = Array.Empty<object>() } },
        }));

        // production: Pro plan = u1, u2, u4 (3); Dutch users = u1, u3 (2). staging: Pro plan = s1 (1); Dutch users = s1 (1).
        await UpsertAsync(production, ("u1", "pro", "NL"), ("u2", "pro", "DE"), ("u3", "free", "NL"), ("u4", "pro", "BE"), ("u5", "free", "FR"));
        await UpsertAsync(staging, ("s1", "pro", "NL"), ("s2", "free", "DE"));
        await RefreshSegmentsAsync(acmeClient);

        // checkout: control 4, treatment 2 (2 of them in the Pro plan segment); search: on 3.
        var records = new List<object>();
        records.AddRange(Enumerable.Range(1, 4).Select(i => Record(checkout, "control", $"u{i}", i <= 2 ? ProSegment : 0)));
        records.AddRange(Enumerable.Range(5, 2).Select(i => Record(checkout, "treatment", $"u{i}", 0)));
        records.AddRange(Enumerable.Range(1, 3).Select(i => Record(search, "on", $"u{i}", 0)));
        using var ingest = Client(environmentKey: production.GetProperty("key").GetString());
        await PostAsync(ingest, "/api/v1/evaluations", new { records });
        await FlushDatarAsync();
        await SeedExperimentsAsync(acmeClient, ingest);

        using var globexClient = Client(GlobexToken);
        GlobexProject = Id(await PostAsync(globexClient, "/api/v1/projects", new { organisationId = Id(globex), name = "Globex app" }));
        await PostAsync(globexClient, $"/api/v1/projects/{GlobexProject}/environments", new { name = "production" });
        GlobexFlag = Id(await PostAsync(globexClient, $"/api/v1/projects/{GlobexProject}/flags",
            new { key = "globex-secret", variants = new[] { new { key = "on" } } }));
    }

    /// <summary>Acme's experiment exposures as the API reports them.</summary>
    public async Task<JsonElement> ExposuresAsync(int experiment)
    {
        using var client = Client(AcmeToken);
        return await GetAsync(client, $"/api/v1/projects/{AcmeProject}/experiments/{experiment}/exposures");
    }

    /// <summary>The newest lastSyncedAt of Acme's segments as the API reports it.</summary>
    public async Task<DateTime> LastSyncedAsync()
    {
        using var client = Client(AcmeToken);
        var segments = await GetAsync(client, $"/api/v1/projects/{AcmeProject}/segments");
        return segments.EnumerateArray()
            .SelectMany(s => s.GetProperty("membershipCounts").EnumerateArray())
            .Select(c => c.GetProperty("lastSyncedAt").GetDateTime())
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
    }

    /// <summary>
    /// "Checkout test" runs (control 70, treatment 30, two identities in both: a mismatch at weights 1:1);
    /// "Search copy" ended an hour ago and has had its final refresh.
    /// </summary>
    private async Task SeedExperimentsAsync(HttpClient client, HttpClient ingest)
    {
        var now = DateTimeOffset.UtcNow;
        RunningExperiment = Id(await PostAsync(client, $"/api/v1/projects/{AcmeProject}/experiments", new
        {
            name = "Checkout test",
            flagKey = "checkout",
            environmentId = Production,
            variants = new[] { new { key = "control", weight = 1.0 }, new { key = "treatment", weight = 1.0 } },
            startedAt = now.AddHours(-3),
        }));
        EndedExperiment = Id(await PostAsync(client, $"/api/v1/projects/{AcmeProject}/experiments", new
        {
            name = "Search copy",
            flagKey = "search",
            environmentId = Production,
            variants = new[] { new { key = "on", weight = 1.0 }, new { key = "off", weight = 1.0 } },
            startedAt = now.AddHours(-5),
            endedAt = now.AddHours(-1),
        }));

        var events = new List<object>();
        events.AddRange(Enumerable.Range(1, 70).Select(i => Exposure("checkout", $"c{i}", "control", now.AddMinutes(i <= 35 ? -150 : -20))));
        events.AddRange(Enumerable.Range(1, 30).Select(i => Exposure("checkout", $"t{i}", "treatment", now.AddMinutes(-90))));
        events.AddRange(new[] { "m1", "m2" }.SelectMany(m => new[] { Exposure("checkout", m, "control", now.AddMinutes(-100)), Exposure("checkout", m, "treatment", now.AddMinutes(-40)) }));
        events.AddRange(Enumerable.Range(1, 5).Select(i => Exposure("search", $"s{i}", i <= 3 ? "on" : "off", now.AddHours(-2))));
        await PostAsync(ingest, "/api/v1/events", new { events });

        foreach (var experiment in new[] { RunningExperiment, EndedExperiment })
        {
            var before = (await ExposuresAsync(experiment)).GetProperty("asOf");
            await PostAsync(client, $"/api/v1/projects/{AcmeProject}/experiments/{experiment}/exposures/refresh", new { });
            await WaitForNewAsOfAsync(experiment, before.ValueKind == JsonValueKind.Null ? null : before.GetString());
        }
    }

    public async Task<string> WaitForNewAsOfAsync(int experiment, string? before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var asOf = (await ExposuresAsync(experiment)).GetProperty("asOf");
            if (asOf.ValueKind == JsonValueKind.String && asOf.GetString() != before)
            {
                return asOf.GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Experiment {experiment} was not refreshed within 120 s.");
            await Task.Delay(200);
        }
    }

    private static object Exposure(string flag, string identifier, string variant, DateTimeOffset at) => new
    {
        @event = "$flag_exposure",
        identifier,
        featureName = flag,
        value = variant,
        timestamp = at,
    };

    private static int Id(JsonElement element) => element.GetProperty("id").GetInt32();

    private static object Record(JsonElement flag, string variant, string entity, int segment) => new
    {
        flagID = Id(flag),
        variantID = flag.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("key").GetString() == variant).GetProperty("id").GetInt32(),
        segmentID = segment,
        entityID = entity,
    };

    private async Task UpsertAsync(JsonElement environment, params (string Identifier, string Plan, string Country)[] identities)
    {
        using var client = Client(environmentKey: environment.GetProperty("key").GetString());
        await PostAsync(client, "/api/v1/identities/bulk", new
        {
            identities = identities.Select(i => new { identifier = i.Identifier, traits = new { plan = i.Plan, country = i.Country } }),
        });
    }

    private async Task RefreshSegmentsAsync(HttpClient client)
    {
        await PostAsync(client, $"/api/v1/projects/{AcmeProject}/segment-membership/refresh", new { });
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var segments = await GetAsync(client, $"/api/v1/projects/{AcmeProject}/segments");
            if (segments.EnumerateArray().All(s => s.GetProperty("membershipCounts").GetArrayLength() == 2))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "Segment counts were not computed within 120 s.");
            await Task.Delay(200);
        }
    }

    private async Task FlushDatarAsync()
    {
        var flusher = Factory.Services.GetRequiredService<DatarFlusher>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await flusher.FlushAsync(CancellationToken.None) || flusher.HasPendingBatch)
        {
            Assert.True(DateTime.UtcNow < deadline, "Datar could not flush within 60 s.");
            await Task.Delay(100);
        }
    }
}
