using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetEnvironmentByKeyHandler(IEnvironmentRepository environments, IProjectRepository projects)
    : IRequestHandler<GetEnvironmentByKeyQuery, EnvironmentInfo?>
{
    public async Task<EnvironmentInfo?> Handle(GetEnvironmentByKeyQuery request, CancellationToken cancellationToken)
    {
        var environment = await environments.FindByKeyAsync(request.Key, cancellationToken);
        if (environment is null)
        {
            return null;
        }

        var project = await projects.FindAsync(environment.ProjectId, cancellationToken);
        return project is null ? null : environment.ToInfo(project.OrganisationId);
    }
}
