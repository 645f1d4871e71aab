using ModularAnalytics.Modules.Catalog.Domain.Organisations;

namespace ModularAnalytics.Modules.Catalog.Application.Organisations;

internal sealed record OrganisationDto(int Id, string Name, bool SegmentMembershipInspection)
{
    public static OrganisationDto From(Organisation organisation) =>
        new(organisation.Id, organisation.Name, organisation.SegmentMembershipInspection);
}

/// <summary>The answer to creating an organisation: the only time the API token is ever shown.</summary>
internal sealed record CreatedOrganisationDto(int Id, string Name, string ApiToken, bool SegmentMembershipInspection);
