using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.GetFlag;

internal sealed class GetFlagHandler(IProjectRepository projects, IFlagRepository flags, ICallerContext caller)
    : IQueryHandler<GetFlagQuery, FlagDto>
{
    public async Task<FlagDto> Handle(GetFlagQuery request, CancellationToken cancellationToken)
    {
        var project = await projects.GetManagedAsync(caller, request.ProjectId, cancellationToken);
        var flag = await flags.FindAsync(project.Id, request.FlagId, cancellationToken)
            ?? throw new NotFoundException("Flag", request.FlagId);
        return FlagDto.From(flag);
    }
}
