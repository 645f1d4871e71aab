using FluentValidation;

namespace ModularAnalytics.Modules.Datar.Application.Summaries.GetFlagSummary;

internal sealed class GetFlagSummaryValidator : AbstractValidator<GetFlagSummaryQuery>
{
    public GetFlagSummaryValidator() => this.ValidateWindow(q => q.From, q => q.To);
}
