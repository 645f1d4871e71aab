using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Application.Common;
using ModularAnalytics.Modules.Catalog.Domain.Environments;

namespace ModularAnalytics.Modules.Catalog.Application.Environments.CreateEnvironment;

internal sealed class CreateEnvironmentHandler(
    IProjectRepository projects,
    IEnvironmentRepository environments,
    ICatalogUnitOfWork unitOfWork,
    ICallerContext caller,
    TimeProvider time) : ICommandHandler<CreateEnvironmentCommand, EnvironmentDto>
{
    public async Task<EnvironmentDto> Handle(CreateEnvironmentCommand request, CancellationToken cancellationToken)
    {
        var project = await projects.GetManagedAsync(caller, request.ProjectId, cancellationToken);
        var environment = ProjectEnvironment.Create(project.Id, request.Name, time.UtcNow());
        environments.Add(environment);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return EnvironmentDto.From(environment);
    }
}
