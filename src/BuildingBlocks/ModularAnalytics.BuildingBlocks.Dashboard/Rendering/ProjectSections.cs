using System.Reflection;
using Microsoft.AspNetCore.Mvc.ViewComponents;

namespace ModularAnalytics.BuildingBlocks.Dashboard.Rendering;

public static class ProjectSections
{
    public static IReadOnlyList<Type> Ordered(IViewComponentDescriptorCollectionProvider components) =>
        [.. components.ViewComponents.Items
            .Select(d => d.TypeInfo)
            .Where(t => t.IsSubclassOf(typeof(ProjectSectionViewComponent)))
            .OrderBy(t => t.GetCustomAttribute<ProjectSectionOrderAttribute>()?.Order ?? int.MaxValue)
            .ThenBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => t.AsType())];
}
