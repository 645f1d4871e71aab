namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>A record of the <see cref="IEvaluationLog"/>.</summary>
internal abstract record LogRecord(long Sequence);
