namespace ModularAnalytics.Modules.Experimentation.Domain.Exposures;

public enum ExposureGranularity
{
    Hour,
    Day,
}
