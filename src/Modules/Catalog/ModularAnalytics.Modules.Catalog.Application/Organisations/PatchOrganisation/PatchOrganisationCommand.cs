using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Organisations.PatchOrganisation;

internal sealed record PatchOrganisationCommand(
    int OrganisationId,
    Optional<string?> Name,
    Optional<bool?> SegmentMembershipInspection) : ICommand<OrganisationDto>;
