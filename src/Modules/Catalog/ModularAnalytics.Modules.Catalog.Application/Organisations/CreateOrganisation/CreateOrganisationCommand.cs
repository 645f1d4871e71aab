using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.Modules.Catalog.Application.Organisations.CreateOrganisation;

internal sealed record CreateOrganisationCommand(string? Name, bool? SegmentMembershipInspection) : ICommand<CreatedOrganisationDto>;
