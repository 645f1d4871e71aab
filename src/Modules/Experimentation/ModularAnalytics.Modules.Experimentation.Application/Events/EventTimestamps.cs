using System.Globalization;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Experimentation.Application.Common;

namespace ModularAnalytics.Modules.Experimentation.Application.Events;

internal static class EventTimestamps
{
    // Clients' clocks drift; a timestamp further ahead than this is a bug on their side, not a future exposure.
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    /// <summary>Collects a 400 for every timestamp too far in the future or older than <see cref="ExperimentationOptions.MaxEventAge"/>.</summary>
    public static void Check(IReadOnlyList<DateTime> timestamps, DateTime now, ExperimentationOptions options, string collection)
    {
        Dictionary<string, string[]>? errors = null;
        for (var i = 0; i < timestamps.Count; i++)
        {
            var message = timestamps[i] > now + MaxClockSkew ? "The timestamp is more than an hour in the future."
                : timestamps[i] < now - options.MaxEventAge ? $"The timestamp is older than {options.MaxEventAge.TotalDays:0.##} days."
                : null;
            if (message is not null)
            {
                (errors ??= [])[string.Create(CultureInfo.InvariantCulture, $"{collection}[{i}].timestamp")] = [message];
            }
        }

        if (errors is not null)
        {
            throw new RequestValidationException(errors);
        }
    }
}
