using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetFlagByKeyHandler(IFlagRepository flags) : IRequestHandler<GetFlagByKeyQuery, FlagInfo?>
{
    public async Task<FlagInfo?> Handle(GetFlagByKeyQuery request, CancellationToken cancellationToken) =>
        (await flags.FindByKeyAsync(request.ProjectId, request.FlagKey, cancellationToken))?.ToInfo();
}
