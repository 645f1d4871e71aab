using FluentValidation;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.PatchExperiment;

internal sealed class PatchExperimentValidator : AbstractValidator<PatchExperimentCommand>
{
    public PatchExperimentValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage("name cannot be empty.")
            .MaximumLength(Experiment.MaxNameLength).WithMessage($"name is at most {Experiment.MaxNameLength} characters.")
            .When(c => c.NameSet);
    }
}
