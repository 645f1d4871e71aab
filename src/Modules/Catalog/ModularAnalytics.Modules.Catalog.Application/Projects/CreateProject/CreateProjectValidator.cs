using FluentValidation;
using ModularAnalytics.Modules.Catalog.Domain.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Projects.CreateProject;

internal sealed class CreateProjectValidator : AbstractValidator<CreateProjectCommand>
{
    public CreateProjectValidator()
    {
        RuleFor(c => c.OrganisationId).NotNull();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(CatalogRules.MaxNameLength);
    }
}
