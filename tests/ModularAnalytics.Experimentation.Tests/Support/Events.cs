using ModularAnalytics.Modules.Experimentation.Application.Events;

namespace ModularAnalytics.Experimentation.Tests.Support;

internal static class Events
{
    public static ExperimentEvent Exposure(int environmentId, string flag, string identifier, string value, DateTime at) =>
        new(environmentId, ExperimentEvent.FlagExposure, identifier, flag, value, at, at);
}
