using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Organisations;

namespace ModularAnalytics.Modules.Catalog.Application.Organisations.CreateOrganisation;

internal sealed class CreateOrganisationHandler(
    IOrganisationRepository organisations,
    ICatalogUnitOfWork unitOfWork,
    ICallerContext caller,
    TimeProvider time) : ICommandHandler<CreateOrganisationCommand, CreatedOrganisationDto>
{
    public async Task<CreatedOrganisationDto> Handle(CreateOrganisationCommand request, CancellationToken cancellationToken)
    {
        // The endpoint already demands the admin policy; this keeps the rule true for any other sender too.
        if (caller.Kind is not (CallerKind.Admin or CallerKind.System))
        {
            throw new NotFoundException("Organisation", null);
        }

        var (organisation, token) = Organisation.Create(request.Name, request.SegmentMembershipInspection ?? false, time.UtcNow());
        organisations.Add(organisation);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CreatedOrganisationDto(organisation.Id, organisation.Name, token, organisation.SegmentMembershipInspection);
    }
}
