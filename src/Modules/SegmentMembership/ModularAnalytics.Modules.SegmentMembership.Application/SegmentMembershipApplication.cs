using System.Reflection;

namespace ModularAnalytics.Modules.SegmentMembership.Application;

/// <summary>Marks the module's application assembly for handler and validator scanning.</summary>
public static class SegmentMembershipApplication
{
    public static Assembly Assembly => typeof(SegmentMembershipApplication).Assembly;
}
