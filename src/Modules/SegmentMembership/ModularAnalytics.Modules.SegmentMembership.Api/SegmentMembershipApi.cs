using System.Reflection;

namespace ModularAnalytics.Modules.SegmentMembership.Api;

/// <summary>Marks the module's API assembly for endpoint-module scanning.</summary>
public static class SegmentMembershipApi
{
    public static Assembly Assembly => typeof(SegmentMembershipApi).Assembly;
}
