using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetProjectHandler(IProjectRepository projects) : IRequestHandler<GetProjectQuery, ProjectInfo?>
{
    public async Task<ProjectInfo?> Handle(GetProjectQuery request, CancellationToken cancellationToken) =>
        (await projects.FindAsync(request.ProjectId, cancellationToken))?.ToInfo();
}
