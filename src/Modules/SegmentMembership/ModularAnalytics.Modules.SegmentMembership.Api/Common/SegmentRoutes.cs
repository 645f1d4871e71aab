namespace ModularAnalytics.Modules.SegmentMembership.Api.Common;

internal static class SegmentRoutes
{
    public const string Tag = "SegmentMembership";
    public const string Segments = "/api/v1/projects/{projectId:int}/segments";
    public const string Segment = Segments + "/{segmentId:int}";
    public const string Members = Segment + "/members";
    public const string Refresh = "/api/v1/projects/{projectId:int}/segment-membership/refresh";
    public const string BulkIdentities = "/api/v1/identities/bulk";
}
