using FluentValidation;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments;

internal static class VariantRules
{
    public static void Apply(InlineValidator<VariantInput?> variant)
    {
        variant.RuleFor(v => v!.Key).NotEmpty().WithMessage("key is required.").OverridePropertyName("key").When(v => v is not null);
        variant.RuleFor(v => v!.Weight)
            .NotNull().WithMessage("weight is required.")
            .Must(w => w is null || (double.IsFinite(w.Value) && w.Value > 0)).WithMessage("weight is a positive number.")
            .OverridePropertyName("weight")
            .When(v => v is not null);
    }
}
