using MediatR;

namespace ModularAnalytics.Modules.Catalog.Contracts;

/// <summary>Whether the organisation has segment membership counting switched on (false when it does not exist).</summary>
public sealed record GetSegmentMembershipInspectionQuery(int OrganisationId) : IRequest<bool>;

/// <summary>Ids of the organisations with segment membership counting switched on, ascending.</summary>
public sealed record GetSegmentMembershipInspectionOrganisationsQuery : IRequest<IReadOnlyList<int>>;
