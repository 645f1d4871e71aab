using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Application.Projects.CreateProject;

internal sealed class CreateProjectHandler(
    IOrganisationRepository organisations,
    IProjectRepository projects,
    ICatalogUnitOfWork unitOfWork,
    ICallerContext caller,
    TimeProvider time) : ICommandHandler<CreateProjectCommand, ProjectDto>
{
    public async Task<ProjectDto> Handle(CreateProjectCommand request, CancellationToken cancellationToken)
    {
        var organisationId = request.OrganisationId!.Value;
        caller.EnsureCanManage(organisationId, "Organisation", organisationId);
        _ = await organisations.FindAsync(organisationId, cancellationToken)
            ?? throw new NotFoundException("Organisation", organisationId);

        var project = Project.Create(organisationId, request.Name, time.UtcNow());
        projects.Add(project);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return ProjectDto.From(project);
    }
}
