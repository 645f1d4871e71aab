namespace ModularAnalytics.ArchitectureTests.Fixtures.Sizes;

/// <summary>Shorter than the limit the file-size rule's self-test uses.</summary>
public sealed record ShortRecord(string Name);
