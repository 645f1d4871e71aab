using FluentValidation;
using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.PatchFlag;

internal sealed class PatchFlagValidator : AbstractValidator<PatchFlagCommand>
{
    public PatchFlagValidator()
    {
        When(c => c.Description.IsSet, () =>
            RuleFor(c => c.Description.Value).NotNull().MaximumLength(CatalogRules.MaxDescriptionLength)
                .OverridePropertyName(nameof(PatchFlagCommand.Description)));
        When(c => c.Enabled.IsSet, () =>
            RuleFor(c => c.Enabled.Value).NotNull().OverridePropertyName(nameof(PatchFlagCommand.Enabled)));
        When(c => c.DataRecordsEnabled.IsSet, () =>
            RuleFor(c => c.DataRecordsEnabled.Value).NotNull().OverridePropertyName(nameof(PatchFlagCommand.DataRecordsEnabled)));
        When(c => c.Variants.IsSet, () =>
        {
            RuleFor(c => c.Variants.Value).NotNull().OverridePropertyName(nameof(PatchFlagCommand.Variants));
            RuleFor(c => c.Variants.Value).Custom(VariantRules.Check);
        });
    }
}
