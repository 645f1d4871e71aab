using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetFlagByIdQueryHandler(IFlagRepository flags) : IRequestHandler<GetFlagByIdQuery, FlagInfo?>
{
    public async Task<FlagInfo?> Handle(GetFlagByIdQuery request, CancellationToken cancellationToken) =>
        (await flags.FindAsync(request.FlagId, cancellationToken))?.ToInfo();
}

internal sealed class GetFlagByKeyQueryHandler(IFlagRepository flags) : IRequestHandler<GetFlagByKeyQuery, FlagInfo?>
{
    public async Task<FlagInfo?> Handle(GetFlagByKeyQuery request, CancellationToken cancellationToken) =>
        (await flags.FindByKeyAsync(request.ProjectId, request.FlagKey, cancellationToken))?.ToInfo();
}

internal sealed class GetProjectFlagsQueryHandler(IFlagRepository flags) : IRequestHandler<GetProjectFlagsQuery, IReadOnlyList<FlagInfo>>
{
    public async Task<IReadOnlyList<FlagInfo>> Handle(GetProjectFlagsQuery request, CancellationToken cancellationToken) =>
        [.. (await flags.ListByProjectAsync(request.ProjectId, cancellationToken)).Select(f => f.ToInfo())];
}
