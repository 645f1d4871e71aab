using FluentValidation;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.CreateExperiment;

/// <summary>Shape checks; whether the flag, its variant keys and the environment belong to the project is the handler's.</summary>
internal sealed class CreateExperimentValidator : AbstractValidator<CreateExperimentCommand>
{
    public const int MaxVariants = 100;

    public CreateExperimentValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("name is required.")
            .MaximumLength(Experiment.MaxNameLength).WithMessage($"name is at most {Experiment.MaxNameLength} characters.");
        RuleFor(c => c.FlagKey).NotEmpty().WithMessage("flagKey is required.");
        RuleFor(c => c.EnvironmentId).NotNull().WithMessage("environmentId is required.");
        RuleFor(c => c.StartedAt).NotNull().WithMessage("startedAt is required.");
        RuleFor(c => c.EndedAt)
            .Must((c, ended) => c.StartedAt is null || ended is null || ended > c.StartedAt)
            .WithMessage("endedAt must be after startedAt.");
        RuleFor(c => c.Variants)
            .NotEmpty().WithMessage("variants needs at least one {key, weight}.")
            .Must(v => v is null || v.Count <= MaxVariants).WithMessage($"At most {MaxVariants} variants.");
        RuleForEach(c => c.Variants).NotNull().WithMessage("A variant is an object {key, weight}.").OverridePropertyName("variants")
            .When(c => c.Variants is { Count: <= MaxVariants });
        RuleForEach(c => c.Variants).ChildRules(VariantRules.Apply).OverridePropertyName("variants")
            .When(c => c.Variants is { Count: <= MaxVariants });
    }
}
