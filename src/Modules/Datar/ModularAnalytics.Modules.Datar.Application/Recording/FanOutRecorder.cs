using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.Modules.Datar.Application.Abstractions;

namespace ModularAnalytics.Modules.Datar.Application.Recording;

/// <summary>Hands every batch to each enabled recorder; with none enabled it records nothing, with one or many alike.</summary>
internal sealed class FanOutRecorder(IEnumerable<IDataRecorder> recorders)
{
    private readonly IDataRecorder[] _recorders = recorders.ToArray();

    public IReadOnlyList<string> Names => _recorders.Select(r => r.Name).ToArray();

    public bool AnyEnabled => _recorders.Length > 0;

    /// <summary>Records the whole batch in every recorder, or (when one is at its bound) nothing anywhere: 503, to be retried.</summary>
    public async ValueTask RecordAsync(IReadOnlyList<EvaluationRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0 || _recorders.Length == 0)
        {
            return;
        }

        foreach (var recorder in _recorders)
        {
            if (!recorder.CanAccept(records.Count))
            {
                throw new ServiceUnavailableException($"The {recorder.Name} recorder is at its memory bound while its store is unavailable; retry later.");
            }
        }

        foreach (var recorder in _recorders)
        {
            await recorder.RecordAsync(records, cancellationToken);
        }
    }
}
