using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures;

public sealed record ExposuresDto(DateTime? AsOf, DateTime? LastErrorAt, bool IsFinal, ExposurePayload? Payload);
