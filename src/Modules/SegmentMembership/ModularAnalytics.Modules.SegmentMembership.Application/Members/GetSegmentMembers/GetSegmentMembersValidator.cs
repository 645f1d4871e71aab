using FluentValidation;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Members.GetSegmentMembers;

internal sealed class GetSegmentMembersValidator : AbstractValidator<GetSegmentMembersQuery>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public GetSegmentMembersValidator()
    {
        RuleFor(q => q.EnvironmentId).NotNull().WithMessage("environmentId is required.").OverridePropertyName("environmentId");
        RuleFor(q => q.Limit).InclusiveBetween(1, MaxLimit).When(q => q.Limit is not null).OverridePropertyName("limit");
        RuleFor(q => q.Cursor).Must(c => MembersCursor.TryDecode(c!, out _)).When(q => q.Cursor is not null)
            .WithMessage("The cursor is not one this API returned.").OverridePropertyName("cursor");
    }
}
