using System.Text.Json;
using ModularAnalytics.Modules.SegmentMembership.Application.Segments.CreateSegment;
using Xunit;
using Xunit.Abstractions;

namespace ModularAnalytics.SegmentMembership.IntegrationTests;

public sealed class ConformanceRulesAcceptedTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_conformance_segment_passes_segment_validation()
    {
        var failures = new List<string>();
        var cases = ConformanceThroughApiTests.LoadCases();
        // An empty or partial case folder must fail, not pass with nothing checked.
        Assert.Equal(ConformanceThroughApiTests.ExpectedCaseCount, cases.Count);
        foreach (var (name, document) in cases)
        {
            var context = document.RootElement.GetProperty("context");
            if (!context.TryGetProperty("segments", out var segments) || segments.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var segment in segments.EnumerateObject())
            {
                var command = new CreateSegmentCommand(1, "n", null, null, segment.Value.GetProperty("rules").Clone());
                foreach (var error in new CreateSegmentValidator().Validate(command).Errors)
                {
                    failures.Add($"{name} / {segment.Name}: {error.PropertyName}: {error.ErrorMessage}");
                }
            }
        }

        output.WriteLine(string.Join("\n", failures));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
