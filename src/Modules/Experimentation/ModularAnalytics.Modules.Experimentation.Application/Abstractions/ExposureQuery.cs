using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Application.Abstractions;

/// <summary>What one exposures query counts, and who it is for (attributed in the warehouse's query log).</summary>
internal sealed record ExposureQuery(int OrganisationId, int ProjectId, int ExperimentId, int EnvironmentId, string FlagKey, ExposureWindow Window)
{
    public string LogComment =>
        $"modularanalytics:experimentation:exposures:org_{OrganisationId}:project_{ProjectId}:experiment_{ExperimentId}";
}
