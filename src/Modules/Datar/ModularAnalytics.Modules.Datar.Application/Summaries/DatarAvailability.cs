using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Datar.Application.Recording;

namespace ModularAnalytics.Modules.Datar.Application.Summaries;

internal static class DatarAvailability
{
    public static void EnsureEnabled(RecorderOptions options)
    {
        if (!options.DatarEnabled)
        {
            throw new ServiceUnavailableException(
                "Datar is not among the enabled recorders: set Recorder:Enabled=true and include 'datar' in Recorder:Type.");
        }
    }
}
