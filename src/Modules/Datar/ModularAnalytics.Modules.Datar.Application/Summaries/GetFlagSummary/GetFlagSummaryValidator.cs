using FluentValidation;

namespace ModularAnalytics.Modules.Datar.Application.Summaries.GetFlagSummary;

internal sealed class GetFlagSummaryValidator : AbstractValidator<GetFlagSummaryQuery>
{
    public const int MaxSegmentLimit = 1000;

    public GetFlagSummaryValidator()
    {
        this.ValidateWindow(q => q.From, q => q.To);
        RuleFor(q => q.SegmentLimit).InclusiveBetween(1, MaxSegmentLimit).OverridePropertyName("segmentLimit");
    }
}
