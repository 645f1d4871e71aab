using FluentValidation;

namespace ModularAnalytics.Modules.Datar.Application.Summaries;

internal static class SummaryQueryValidation
{
    public static void ValidateWindow<T>(this AbstractValidator<T> validator, Func<T, string?> from, Func<T, string?> to)
    {
        validator.RuleFor(q => from(q))
            .Must(v => SummaryWindow.TryParseBound(v, isEnd: false, out _))
            .WithMessage("from is an RFC 3339 timestamp (2026-11-21T13:00:00Z) or a date (2026-11-21), from 1970-01-01 to 9998-12-31.")
            .OverridePropertyName("from");
        validator.RuleFor(q => to(q))
            .Must(v => SummaryWindow.TryParseBound(v, isEnd: true, out _))
            .WithMessage("to is an RFC 3339 timestamp (2026-11-21T13:00:00Z) or a date (2026-11-21), from 1970-01-01 to 9998-12-31.")
            .OverridePropertyName("to");
        validator.RuleFor(q => q)
            .Must(q => !SummaryWindow.TryParseBound(from(q), false, out var f) || !SummaryWindow.TryParseBound(to(q), true, out var t)
                       || f is null || t is null || f < t)
            .WithMessage("from must be before to.")
            .OverridePropertyName("from");
    }
}
