namespace ModularAnalytics.Modules.Experimentation.Domain.Exposures;

/// <summary>
/// Identities first exposed in <see cref="Bucket"/> under <see cref="Key"/>: a value they alone saw, or
/// <see cref="ExposurePayload.Multiple"/> for identities that saw more than one.
/// </summary>
public sealed record ExposureCount(DateTime Bucket, string Key, long Identities);
