using FluentValidation;
using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Environments.CreateEnvironment;

internal sealed class CreateEnvironmentValidator : AbstractValidator<CreateEnvironmentCommand>
{
    public CreateEnvironmentValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(CatalogRules.MaxNameLength);
    }
}
