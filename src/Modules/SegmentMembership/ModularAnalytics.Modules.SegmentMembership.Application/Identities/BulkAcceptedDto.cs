namespace ModularAnalytics.Modules.SegmentMembership.Application.Identities;

internal sealed record BulkAcceptedDto(int Accepted);
