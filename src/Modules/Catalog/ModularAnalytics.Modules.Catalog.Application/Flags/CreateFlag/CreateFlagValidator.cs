using FluentValidation;
using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.CreateFlag;

internal sealed class CreateFlagValidator : AbstractValidator<CreateFlagCommand>
{
    public CreateFlagValidator()
    {
        RuleFor(c => c.Key).Must(CatalogRules.IsValidKey).WithMessage(VariantRules.KeyMessage);
        RuleFor(c => c.Description).MaximumLength(CatalogRules.MaxDescriptionLength);
        RuleFor(c => c.Variants).Custom(VariantRules.Check);
    }
}
