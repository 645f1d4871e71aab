using MediatR;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Contracts;

namespace ModularAnalytics.Modules.Catalog.Application.Integration;

internal sealed class GetFlagByIdHandler(IFlagRepository flags) : IRequestHandler<GetFlagByIdQuery, FlagInfo?>
{
    public async Task<FlagInfo?> Handle(GetFlagByIdQuery request, CancellationToken cancellationToken) =>
        (await flags.FindAsync(request.FlagId, cancellationToken))?.ToInfo();
}
