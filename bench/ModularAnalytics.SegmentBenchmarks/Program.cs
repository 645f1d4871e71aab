using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;
using ModularAnalytics.Modules.SegmentMembership.Application.Common;
using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Identities;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

// Refresh cost on embedded chDB: one environment of N identities with ten traits, counted with 1 segment and with
// 50 segments of mixed operators through the refresh's own code path (ClickHouseSegmentWarehouse.CountAsync), against
// the floor: a bare scan of the same rows (FINAL) reading the same trait subcolumns; the 50-segment query on an
// environment with no rows (planning); and the backfill of a relational (SQLite) identity store into the warehouse.
// Stopwatch over repeated runs (median), not BenchmarkDotNet: chDB holds one data path per process, which BDN's
// out-of-process runs would reopen per benchmark and reload the data each time. The last line is the summary.
//
// Usage: dotnet run -c Release --project bench/ModularAnalytics.SegmentBenchmarks -- [--rows 1000000] [--runs 7]
//        [--backfill-rows 200000] [--data DIR]
var rows = IntArg("--rows", 1_000_000);
var runs = IntArg("--runs", 7);
var dataPath = StringArg("--data") ?? Path.Combine(Path.GetTempPath(), "modularanalytics-segment-bench");
const string EnvironmentId = "1";
var environment = new EnvironmentRef(1, "bench_env_key", "Production");

var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Warehouse:Mode"] = "Embedded",
    ["Warehouse:Database"] = "segment_bench",
    ["Warehouse:Embedded:DataPath"] = dataPath,
}).Build();
await using var services = new ServiceCollection().AddLogging().AddWarehouse(configuration).BuildServiceProvider();
var client = services.GetRequiredService<IClickHouseClient>();
var warehouse = new ClickHouseSegmentWarehouse(client, services.GetRequiredService<WarehouseStatus>(), new SegmentMembershipOptions { BackfillBatchSize = IntArg("--batch", new SegmentMembershipOptions().BackfillBatchSize) });

foreach (var statement in IdentityWarehouseRows.Schema)
{
    await client.ExecuteAsync(statement);
}

if ((await client.QueryAsync("SELECT count() AS n FROM identity_trait_types")).Single().GetInt64("n") == 0)
{
    await client.ExecuteAsync(IdentityWarehouseRows.BackfillTypes);
}
var existing = (await client.QueryAsync($"SELECT count() AS n FROM identities FINAL WHERE environment_id = '{EnvironmentId}'")).Single().GetInt64("n");
if (existing != rows)
{
    var generate = Stopwatch.StartNew();
    await client.ExecuteAsync("TRUNCATE TABLE identities");
    await client.ExecuteAsync("TRUNCATE TABLE identity_trait_types");
    await client.ExecuteAsync(GenerateSql(rows));
    // Generated in SQL without prepared columns, then prepared by the migration's data step (as existing rows would be).
    await StoredIdentityPreparation.RunAsync(client, CancellationToken.None);
    // The rewrite leaves each identity twice until a merge; merged, the data are as a settled table holds them.
    await client.ExecuteAsync("OPTIMIZE TABLE identities FINAL");
    Console.WriteLine($"Generated {rows:N0} identities in {generate.Elapsed.TotalSeconds:F1} s (data path {dataPath}).");
}
else
{
    Console.WriteLine($"Reusing {rows:N0} identities in {dataPath}.");
}

var fifty = Segments(50);
var one = fifty.Take(1).ToList();
var work = new WarehouseWork(WarehouseWork.Refresh, 0, 0);

// Sanity: the 50-segment counts are plausible (neither all zero nor all total).
var counted = await warehouse.CountAsync(environment, fifty, work, TimeSpan.FromMinutes(10), CancellationToken.None);
if (counted.Failures.Count > 0)
{
    throw new InvalidOperationException("Segments failed: " + string.Join("; ", counted.Failures.Select(f => $"{f.Key}: {f.Value}")));
}

var counts = counted.Counts;
Console.WriteLine($"50-segment counts: min {counts.Values.Min():N0}, max {counts.Values.Max():N0}, zero-count segments {counts.Values.Count(c => c == 0)}");

if (StringArg("--sql") is { } which)
{
    // The query a refresh runs: compiled against the environment's trait types.
    var types = await warehouse.ReadTraitTypesAsync(environment, work, CancellationToken.None);
    var query = ClickHouseSegmentWarehouse.BuildCountQuery(environment, which == "all" ? fifty : [fifty[int.Parse(which, CultureInfo.InvariantCulture) - 1]], types);
    Console.WriteLine(query.Sql);
    Console.WriteLine(string.Join(", ", query.Parameters.Select(p => $"{p.Key}={(p.Value is System.Collections.IEnumerable list and not string ? "[" + string.Join(",", list.Cast<object>().Select(v => v is string t ? "'" + t + "'" : v)) + "]" : p.Value)}")));
    return;
}

if (StringArg("--try-setting") is { } setting)
{
    var (name, value) = (setting.Split('=')[0], setting.Split('=')[1]);
    var plain = ClickHouseSegmentWarehouse.Tune(ClickHouseSegmentWarehouse.BuildCountQuery(environment, fifty, await warehouse.ReadTraitTypesAsync(environment, work, CancellationToken.None)));
    var tuned = plain.WithSetting(name, value);
    var a = (await client.QueryAsync(plain)).Single();
    var b = (await client.QueryAsync(tuned)).Single();
    Console.WriteLine("same counts: " + fifty.All(s => a.GetInt64("s" + s.Id) == b.GetInt64("s" + s.Id)));
    await TimeAsync("50 segments as is", () => client.QueryAsync(plain));
    await TimeAsync("50 segments with " + setting, () => client.QueryAsync(tuned));
    return;
}

if (args.Contains("--backfill-profile"))
{
    // Where the backfill's time goes: reading the relational source, preparing and serialising rows, inserting them.
    var count = IntArg("--backfill-rows", 200_000);
    await BackfillAsync(count);
    var options = new DbContextOptionsBuilder<SegmentMembershipDbContext>().UseSqlite($"Data Source={Path.Combine(dataPath, "identities.db")}").Options;
    var identities = new List<IdentityContext>(count);
    await TimeAsync("read source", async () =>
    {
        identities.Clear();
        await using var db = new SegmentMembershipDbContext(options);
        await foreach (var identity in new RelationalIdentitySource(db).ReadAsync(environment, CancellationToken.None))
        {
            identities.Add(identity);
        }
    });
    var rowsToWrite = identities.Select(i => IdentityWarehouseRows.Row("3", i, DateTime.UtcNow)).ToList();
    var serializerOptions = IdentityWarehouseRows.Insert().SerializerOptions!;
    await TimeAsync("prepare + serialise", () =>
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream);
        foreach (var row in rowsToWrite)
        {
            JsonSerializer.Serialize(writer, row, serializerOptions);
            writer.Flush();
            writer.Reset();
        }

        return Task.CompletedTask;
    });
    if (StringArg("--dump") is { } dump)
    {
        await using var file = File.Create(dump);
        await using var dumpWriter = new Utf8JsonWriter(file);
        foreach (var row in rowsToWrite)
        {
            JsonSerializer.Serialize(dumpWriter, row, serializerOptions);
            dumpWriter.Flush();
            dumpWriter.Reset();
            file.WriteByte((byte)'\n');
        }
    }

    await TimeAsync("insert (incl. prepare + serialise)", () => client.InsertAsync(IdentityWarehouseRows.Insert(), rowsToWrite));
    await client.ExecuteAsync("DELETE FROM identities WHERE environment_id = '3'");
    return;
}

if (args.Contains("--planning-profile"))
{
    // Planning by template: the segments of one template of the 50-segment mix, on an environment with no rows.
    var emptyEnvironment = new EnvironmentRef(999_999, "empty", "Empty");
    var types = await warehouse.ReadTraitTypesAsync(environment, work, CancellationToken.None);
    var all = ClickHouseSegmentWarehouse.Tune(ClickHouseSegmentWarehouse.BuildCountQuery(emptyEnvironment, fifty, types));
    await TimeAsync("planning, all 50", () => client.QueryAsync(StringArg("--setting") is { } e ? all.WithSetting(e.Split('=')[0], e.Split('=')[1]) : all));
    await TimeAsync("planning, nothing (count only)", () => client.QueryAsync(ClickHouseSegmentWarehouse.Tune(ClickHouseSegmentWarehouse.BuildCountQuery(emptyEnvironment, [], types))));
    for (var t = 0; t < 13; t++)
    {
        var subset = fifty.Where((_, i) => i % 13 == t).ToList();
        var query = ClickHouseSegmentWarehouse.Tune(ClickHouseSegmentWarehouse.BuildCountQuery(emptyEnvironment, subset, types));
        if (StringArg("--setting") is { } extra)
        {
            query = query.WithSetting(extra.Split('=')[0], extra.Split('=')[1]);
        }

        await TimeAsync($"planning, template {t + 1} x{subset.Count} ({query.Sql.Length} chars)", () => client.QueryAsync(query));
    }

    return;
}

if (args.Contains("--profile"))
{
    // Where a big query's time goes: each template alone, then growing prefixes of the 50.
    foreach (var segment in fifty.Take(13))
    {
        var sql = ClickHouseSegmentWarehouse.BuildCountQuery(environment, [segment]).Sql;
        await TimeAsync($"segment {segment.Id} alone ({sql.Length} chars)", () => warehouse.CountAsync(environment, [segment], work, TimeSpan.FromMinutes(10), CancellationToken.None));
        var empty = ClickHouseSegmentWarehouse.Tune(ClickHouseSegmentWarehouse.BuildCountQuery(new EnvironmentRef(999_999, "empty", "Empty"), [segment]));
        await TimeAsync($"segment {segment.Id} alone, planning", () => client.QueryAsync(empty));
    }

    foreach (var n in new[] { 5, 10, 20, 30 })
    {
        var sql = ClickHouseSegmentWarehouse.BuildCountQuery(environment, fifty.Take(n).ToList()).Sql;
        await TimeAsync($"first {n} ({sql.Length} chars)", () => warehouse.CountAsync(environment, fifty.Take(n).ToList(), work, TimeSpan.FromMinutes(10), CancellationToken.None));
    }

    return;
}

var floorSql = FloorSql();
var floor = await TimeAsync("floor (bare FINAL scan, same subcolumns)", () => client.QueryAsync(ClickHouseSegmentWarehouse.Tune(new ClickHouseQuery(floorSql))));
var single = await TimeAsync("refresh, 1 segment", () => warehouse.CountAsync(environment, one, work, TimeSpan.FromMinutes(10), CancellationToken.None));
var many = await TimeAsync("refresh, 50 segments", () => warehouse.CountAsync(environment, fifty, work, TimeSpan.FromMinutes(10), CancellationToken.None));

// Planning: the same 50-segment query, compiled for the same trait types, over an environment that has no rows.
var traitTypes = await warehouse.ReadTraitTypesAsync(environment, work, CancellationToken.None);
var emptyQuery = ClickHouseSegmentWarehouse.Tune(ClickHouseSegmentWarehouse.BuildCountQuery(new EnvironmentRef(999_999, "empty", "Empty"), fifty, traitTypes));
var planning = await TimeAsync("planning, 50 segments (no rows)", () => client.QueryAsync(emptyQuery));

var backfillRate = await BackfillAsync(IntArg("--backfill-rows", 200_000));

Console.WriteLine();
Console.WriteLine($"ratio 50 segments / floor     = {many / floor:F2} (target <= 7)");
Console.WriteLine($"ratio 1 segment / floor       = {single / floor:F2} (target <= 1)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"segment refresh: floor {floor:F0} ms, 1 segment {single:F0} ms, 50 segments {many:F0} ms, planning 50 {planning:F0} ms, backfill {backfillRate:F0} identities/s"));
return;

// The backfill as a refresh runs it: the relational source (SQLite here, filled once and reused) read in keyset
// pages, each identity prepared and written to the warehouse in batches. Written to an environment of its own, which
// is removed afterwards so the counted data stay as generated.
async Task<double> BackfillAsync(int count)
{
    var options = new DbContextOptionsBuilder<SegmentMembershipDbContext>().UseSqlite($"Data Source={Path.Combine(dataPath, "identities.db")}").Options;
    await using (var db = new SegmentMembershipDbContext(options))
    {
        await db.Database.EnsureCreatedAsync();
        if (await db.Identities.CountAsync(i => i.EnvironmentId == environment.Id) != count)
        {
            await db.Identities.ExecuteDeleteAsync();
            var store = new RelationalIdentityStore(db);
            foreach (var chunk in Enumerable.Range(0, count).Chunk(10_000))
            {
                await store.UpsertAsync([.. chunk.Select(n => new StoredIdentity(environment.Id, $"user-{n:D8}", n % 10 == 3 ? $"k-{n}" : null, BenchmarkTraits(n), DateTime.UtcNow))], CancellationToken.None);
            }
        }
    }

    var target = new EnvironmentRef(2, "backfill_env_key", "Backfill");
    var seconds = await TimeAsync($"backfill, {count:N0} identities", async () =>
    {
        await using var db = new SegmentMembershipDbContext(options);
        var written = await warehouse.WriteIdentitiesAsync(target, new RelationalIdentitySource(db).ReadAsync(environment, CancellationToken.None), DateTime.UtcNow, work, CancellationToken.None);
        if (written != count)
        {
            throw new InvalidOperationException($"Backfill wrote {written} of {count} identities.");
        }
    }) / 1000;
    await client.ExecuteAsync("DELETE FROM identities WHERE environment_id = '2'");
    return count / seconds;
}

// The same ten traits as the generated rows (beta unset on every seventh identity).
static string BenchmarkTraits(int n)
{
    var traits = new Dictionary<string, TraitValue>
    {
        ["plan"] = TraitValue.FromString(new[] { "free", "pro", "enterprise" }[n % 3]),
        ["age"] = TraitValue.FromInteger(18 + (n % 60)),
        ["score"] = TraitValue.FromFloat((n % 997 / 997.0) + 0.0001),
        ["country"] = TraitValue.FromString(new[] { "de", "fr", "us", "gb", "jp" }[n % 5]),
        ["version"] = TraitValue.FromString(string.Create(CultureInfo.InvariantCulture, $"1.{n % 10}.{n % 3}")),
        ["email"] = TraitValue.FromString(string.Create(CultureInfo.InvariantCulture, $"u{n}{(n % 4 == 0 ? "@example.com" : "@corp.io")}")),
        ["logins"] = TraitValue.FromInteger(n % 500),
        ["ltv"] = TraitValue.FromFloat((n % 1000 * 1.5) + 0.25),
        ["device"] = TraitValue.FromString(new[] { "ios", "android", "web" }[n % 3]),
    };
    if (n % 7 != 0)
    {
        traits["beta"] = TraitValue.FromBoolean(n % 2 == 0);
    }

    return IdentityTraits.Serialize(traits);
}

async Task<double> TimeAsync(string name, Func<Task> action)
{
    await action();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var median = times[times.Count / 2];
    Console.WriteLine($"{name,-44} median {median,8:F0} ms  (min {times[0]:F0}, max {times[^1]:F0}, {runs} runs after 1 warm-up)");
    return median;
}

string GenerateSql(int count) =>
    "INSERT INTO identities (environment_id, identifier, identity_key, traits, inserted_at) " +
    "SELECT '" + EnvironmentId + "', concat('user-', leftPad(toString(number), 8, '0')), if(number % 10 = 3, concat('k-', toString(number)), ''), " +
    "concat('{\"plan\":\"', ['free','pro','enterprise'][number % 3 + 1], '\",\"age\":', toString(18 + number % 60), " +
    "',\"score\":', toString(number % 997 / 997 + 0.0001), ',\"country\":\"', ['de','fr','us','gb','jp'][number % 5 + 1], " +
    "'\",\"beta\":', if(number % 7 = 0, 'null', if(number % 2 = 0, 'true', 'false')), ',\"version\":\"1.', toString(number % 10), '.', toString(number % 3), " +
    "'\",\"email\":\"u', toString(number), if(number % 4 = 0, '@example.com', '@corp.io'), '\",\"logins\":', toString(number % 500), " +
    "',\"ltv\":', toString(number % 1000 * 1.5 + 0.25), ',\"device\":\"', ['ios','android','web'][number % 3 + 1], '\"}')::JSON, " +
    "now64(6) FROM numbers(" + count.ToString(CultureInfo.InvariantCulture) + ") " +
    "SETTINGS input_format_try_infer_dates = 0, input_format_try_infer_datetimes = 0";

string FloorSql()
{
    string[] traits = ["plan", "age", "score", "country", "beta", "version", "email", "logins", "ltv", "device"];
    var reads = string.Join(" OR ", traits.Select(t => $"isNotNull(i.{ClickHouseSql.JsonPath("traits", t)})"));
    return $"SELECT count() AS n, countIf({reads}) AS any_trait, max(length(i.identifier)) AS l, max(length(i.identity_key)) AS k " +
        $"FROM identities AS i FINAL WHERE i.environment_id = '{EnvironmentId}'";
}

List<SegmentDefinition> Segments(int count)
{
    string[] templates =
    [
        """[{"type":"ALL","conditions":[{"operator":"EQUAL","property":"plan","value":"pro"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"GREATER_THAN_INCLUSIVE","property":"age","value":"{n20}"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"IN","property":"country","value":"de,fr"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"LESS_THAN","property":"score","value":"0.{d}"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"EQUAL","property":"beta","value":"true"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"GREATER_THAN","property":"version","value":"1.{d}.0:semver"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"CONTAINS","property":"email","value":"@example"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"REGEX","property":"$.identity.identifier","value":"user-\\d*{d}$"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"MODULO","property":"logins","value":"{m}|0"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"PERCENTAGE_SPLIT","property":"","value":"{n20}"}]}]""",
        """[{"type":"ANY","conditions":[{"operator":"GREATER_THAN","property":"ltv","value":"{n20}0"},{"operator":"EQUAL","property":"device","value":"ios"}]}]""",
        """[{"type":"NONE","conditions":[{"operator":"NOT_EQUAL","property":"device","value":"android"}]}]""",
        """[{"type":"ALL","conditions":[{"operator":"IS_NOT_SET","property":"beta"}],"rules":[{"type":"ANY","conditions":[{"operator":"EQUAL","property":"plan","value":"free"},{"operator":"LESS_THAN","property":"age","value":"30"}]}]}]""",
    ];
    return [.. Enumerable.Range(0, count).Select(i =>
    {
        var json = templates[i % templates.Length]
            .Replace("{n20}", (20 + i).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{d}", (i % 9 + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{m}", (i % 5 + 2).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var rules = SegmentRuleJson.Parse(document.RootElement, out var errors);
        if (errors.Count > 0 || SegmentRuleValidator.Validate(rules).Count > 0)
        {
            throw new InvalidOperationException("Invalid benchmark segment " + json);
        }

        return new SegmentDefinition(i + 1, "seg-" + i.ToString(CultureInfo.InvariantCulture), rules);
    })];
}

int IntArg(string name, int fallback) => StringArg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

string? StringArg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
