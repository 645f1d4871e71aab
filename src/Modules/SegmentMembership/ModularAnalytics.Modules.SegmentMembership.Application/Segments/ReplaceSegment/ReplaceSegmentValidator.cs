namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.ReplaceSegment;

internal sealed class ReplaceSegmentValidator : SegmentInputValidator<ReplaceSegmentCommand>;
