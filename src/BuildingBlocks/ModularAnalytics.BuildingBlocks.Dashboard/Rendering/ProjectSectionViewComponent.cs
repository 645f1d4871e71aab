using Microsoft.AspNetCore.Mvc;

namespace ModularAnalytics.BuildingBlocks.Dashboard.Rendering;

/// <summary>
/// A module's part of a project's overview page. The page finds every subclass among the view components and
/// renders them by <see cref="ProjectSectionOrderAttribute"/>, so no module needs to know another.
/// </summary>
public abstract class ProjectSectionViewComponent : ViewComponent
{
    public abstract Task<IViewComponentResult> InvokeAsync(int projectId);
}

[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProjectSectionOrderAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
