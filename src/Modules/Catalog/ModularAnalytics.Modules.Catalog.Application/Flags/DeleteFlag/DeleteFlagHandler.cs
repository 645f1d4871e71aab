using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.DeleteFlag;

internal sealed class DeleteFlagHandler(
    IProjectRepository projects,
    IFlagRepository flags,
    ICatalogUnitOfWork unitOfWork,
    ICallerContext caller,
    TimeProvider time) : ICommandHandler<DeleteFlagCommand>
{
    public async Task<Unit> Handle(DeleteFlagCommand request, CancellationToken cancellationToken)
    {
        var project = await projects.GetManagedAsync(caller, request.ProjectId, cancellationToken);
        var flag = await flags.FindAsync(project.Id, request.FlagId, cancellationToken)
            ?? throw new NotFoundException("Flag", request.FlagId);
        flag.Delete(time.UtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
