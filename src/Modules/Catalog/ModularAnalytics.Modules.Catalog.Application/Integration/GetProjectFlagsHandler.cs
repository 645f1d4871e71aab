using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetProjectFlagsHandler(IFlagRepository flags) : IRequestHandler<GetProjectFlagsQuery, IReadOnlyList<FlagInfo>>
{
    public async Task<IReadOnlyList<FlagInfo>> Handle(GetProjectFlagsQuery request, CancellationToken cancellationToken) =>
        [.. (await flags.ListByProjectAsync(request.ProjectId, cancellationToken)).Select(f => f.ToInfo())];
}
