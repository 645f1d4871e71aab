using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;
using ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;
using ModularAnalytics.SegmentMembership.Tests.Support;
using ModularAnalytics.SegmentMembership.Tests.Support.Oracle;
using Xunit.Abstractions;

namespace ModularAnalytics.SegmentMembership.Tests;

/// <summary>
/// Flagsmith's engine-test-data: every segment of every case, through the in-memory evaluator and through the compiled
/// SQL on chDB (each case's identity is one row whose environment_id is the case's file name). A case without an
/// identity is checked in SQL against an identity row with an empty identifier and no traits — the warehouse holds no
/// identity-less rows; such cases only test that an unresolvable path is not set, which holds for any row.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output) : WarehouseTest
{
    [Fact]
    public void Every_case_and_segment_matches_in_the_evaluator()
    {
        var cases = ConformanceCases.Load();
        Assert.Equal(ConformanceCases.ExpectedCaseCount, cases.Count);
        var failures = new List<string>();
        var checkedSegments = 0;
        foreach (var @case in cases)
        {
            foreach (var segment in @case.Segments)
            {
                checkedSegments++;
                var actual = SegmentEvaluator.Matches(segment.Key, segment.Rules, @case.Identity, @case.Environment);
                if (actual != segment.Expected)
                {
                    failures.Add($"{@case.Name} / {segment.Name}: expected {segment.Expected}, evaluator said {actual}");
                }
            }
        }

        output.WriteLine($"Evaluator: {cases.Count} cases, {checkedSegments} segments checked, {checkedSegments - failures.Count} agree with Flagsmith.");
        Assert.Equal(cases.Sum(c => c.Segments.Count), checkedSegments);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_case_and_segment_matches_in_the_compiled_sql()
    {
        var cases = ConformanceCases.Load();
        Assert.Equal(ConformanceCases.ExpectedCaseCount, cases.Count);
        var insertedAt = DateTime.UtcNow;
        var rows = cases.Select(c => IdentityWarehouseRows.Row(c.Name, c.Identity ?? new IdentityContext(string.Empty, null, new Dictionary<string, TraitValue>()), insertedAt));
        await Client.InsertAsync(IdentityWarehouseRows.Insert(), rows);

        var failures = new List<string>();
        var checkedSegments = 0;
        foreach (var @case in cases.Where(c => c.Segments.Count > 0))
        {
            var segments = @case.Segments.Select(s => new SegmentToCompile(s.Id, s.Key, s.Rules)).ToList();
            var result = await Client.QueryAsync(MembershipQuery.Build(@case.Name, @case.Environment, segments));
            var members = Assert.Single(result).Get<int[]>("members")!;
            for (var i = 0; i < segments.Count; i++)
            {
                checkedSegments++;
                var segment = @case.Segments[i];
                if ((members[i] == 1) != segment.Expected)
                {
                    failures.Add($"{@case.Name} / {segment.Name}: expected {segment.Expected}, SQL said {members[i] == 1}");
                }
            }
        }

        output.WriteLine($"Compiled SQL on chDB: {cases.Count} cases, {checkedSegments} segments checked, {checkedSegments - failures.Count} agree with Flagsmith.");
        Assert.Equal(cases.Sum(c => c.Segments.Count), checkedSegments);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
