using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Identities.BulkUpsertIdentities;

internal sealed class BulkUpsertIdentitiesHandler(ICallerContext caller, IIdentityStore store, TimeProvider time)
    : ICommandHandler<BulkUpsertIdentitiesCommand, BulkAcceptedDto>
{
    public async Task<BulkAcceptedDto> Handle(BulkUpsertIdentitiesCommand request, CancellationToken cancellationToken)
    {
        if (caller.Kind != CallerKind.Environment || caller.EnvironmentId is not { } environmentId)
        {
            throw new NotFoundException("Environment", null);
        }

        var identities = IdentityBatchValidation.Validate(request, environmentId, time.UtcNow());
        await store.UpsertAsync(identities, cancellationToken);
        return new BulkAcceptedDto(request.Identities!.Count);
    }
}
