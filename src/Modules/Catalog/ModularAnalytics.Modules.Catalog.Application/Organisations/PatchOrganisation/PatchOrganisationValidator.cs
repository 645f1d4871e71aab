using FluentValidation;
using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Organisations.PatchOrganisation;

internal sealed class PatchOrganisationValidator : AbstractValidator<PatchOrganisationCommand>
{
    public PatchOrganisationValidator()
    {
        When(c => c.Name.IsSet, () =>
            RuleFor(c => c.Name.Value).NotEmpty().MaximumLength(CatalogRules.MaxNameLength).OverridePropertyName(nameof(PatchOrganisationCommand.Name)));
        When(c => c.SegmentMembershipInspection.IsSet, () =>
            RuleFor(c => c.SegmentMembershipInspection.Value).NotNull()
                .OverridePropertyName(nameof(PatchOrganisationCommand.SegmentMembershipInspection)));
    }
}
