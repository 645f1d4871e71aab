using ModularAnalytics.BuildingBlocks.Domain;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Domain.Experiments;

/// <summary>
/// An experiment on one flag in one environment. What the catalog knows (the flag's variant keys, the environment's
/// project) is checked by the application before construction; the rules that need nothing else are kept here.
/// </summary>
public sealed class Experiment
{
    public const int MaxNameLength = 200;
    public const int MaxFlagKeyLength = 200;

    private Experiment()
    {
        Name = string.Empty;
        FlagKey = string.Empty;
        Variants = [];
    }

    public Experiment(int projectId, string name, string flagKey, int environmentId, IReadOnlyList<ExperimentVariant> variants,
        DateTime startedAt, DateTime? endedAt, DateTime now)
    {
        ProjectId = projectId;
        Name = name;
        FlagKey = flagKey;
        EnvironmentId = environmentId;
        Variants = [.. variants];
        StartedAt = startedAt;
        EnsureEndsAfterStart(endedAt);
        EndedAt = endedAt;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public string Name { get; private set; }

    public string FlagKey { get; private set; }

    public int EnvironmentId { get; private set; }

    public IReadOnlyList<ExperimentVariant> Variants { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Rename(string name, DateTime now)
    {
        Name = name;
        UpdatedAt = now;
    }

    /// <summary>Sets or clears (reopens) the end; returns whether it changed.</summary>
    public bool SetEnd(DateTime? endedAt, DateTime now)
    {
        EnsureEndsAfterStart(endedAt);
        if (EndedAt == endedAt)
        {
            return false;
        }

        EndedAt = endedAt;
        UpdatedAt = now;
        return true;
    }

    /// <summary>What a refresh at <paramref name="asOf"/> covers: from the start to <paramref name="asOf"/> or the end, whichever is earlier.</summary>
    public ExposureWindow WindowAt(DateTime asOf) =>
        new(StartedAt, EndedAt is { } end && end < asOf ? end : asOf);

    private void EnsureEndsAfterStart(DateTime? endedAt)
    {
        if (endedAt is { } end && end <= StartedAt)
        {
            throw new DomainException("endedAt", "endedAt must be after startedAt.");
        }
    }
}
