using FluentValidation;

namespace ModularAnalytics.Modules.Datar.Application.Summaries.GetProjectSummary;

internal sealed class GetProjectSummaryValidator : AbstractValidator<GetProjectSummaryQuery>
{
    public const int MaxLimit = 1000;

    public GetProjectSummaryValidator()
    {
        this.ValidateWindow(q => q.From, q => q.To);
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).OverridePropertyName("limit");
        RuleFor(q => q.Offset).GreaterThanOrEqualTo(0).OverridePropertyName("offset");
    }
}
