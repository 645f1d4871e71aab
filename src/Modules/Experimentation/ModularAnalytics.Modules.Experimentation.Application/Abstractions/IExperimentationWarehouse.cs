using ModularAnalytics.Modules.Experimentation.Application.Events;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Application.Abstractions;

/// <summary>The module's events in the warehouse: appended by ingestion, read back as first-exposure counts.</summary>
internal interface IExperimentationWarehouse
{
    bool IsEnabled { get; }

    string? DisabledReason { get; }

    /// <summary>Appends the events in one insert: all are stored or none.</summary>
    Task WriteEventsAsync(IReadOnlyList<ExperimentEvent> events, CancellationToken cancellationToken);

    /// <summary>Per (bucket, key) the identities first exposed then: one query over the window's exposures.</summary>
    Task<IReadOnlyList<ExposureCount>> CountFirstExposuresAsync(ExposureQuery query, TimeSpan timeout, CancellationToken cancellationToken);
}
