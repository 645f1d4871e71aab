namespace ModularAnalytics.Modules.SegmentMembership.Application.Segments.CreateSegment;

internal sealed class CreateSegmentValidator : SegmentInputValidator<CreateSegmentCommand>;
