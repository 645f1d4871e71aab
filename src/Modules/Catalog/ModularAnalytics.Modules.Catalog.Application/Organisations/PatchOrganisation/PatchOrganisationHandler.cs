using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;

namespace ModularAnalytics.Modules.Catalog.Application.Organisations.PatchOrganisation;

internal sealed class PatchOrganisationHandler(
    IOrganisationRepository organisations,
    ICatalogUnitOfWork unitOfWork,
    ICallerContext caller,
    TimeProvider time) : ICommandHandler<PatchOrganisationCommand, OrganisationDto>
{
    public async Task<OrganisationDto> Handle(PatchOrganisationCommand request, CancellationToken cancellationToken)
    {
        caller.EnsureCanManage(request.OrganisationId, "Organisation", request.OrganisationId);
        var organisation = await organisations.FindAsync(request.OrganisationId, cancellationToken)
            ?? throw new NotFoundException("Organisation", request.OrganisationId);

        var now = time.UtcNow();
        if (request.Name.IsSet)
        {
            organisation.Rename(request.Name.Value, now);
        }

        if (request.SegmentMembershipInspection is { IsSet: true, Value: { } inspection })
        {
            organisation.SetSegmentMembershipInspection(inspection, now);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return OrganisationDto.From(organisation);
    }
}
