using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Identities.BulkUpsertIdentities;

internal sealed record BulkUpsertIdentitiesCommand(IReadOnlyList<IdentityInput?>? Identities) : ICommand<BulkAcceptedDto>;
