using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Experimentation.Application.Exposures.GetExposures;

public sealed record GetExposuresQuery(int ProjectId, int ExperimentId) : IQuery<ExposuresDto>;
