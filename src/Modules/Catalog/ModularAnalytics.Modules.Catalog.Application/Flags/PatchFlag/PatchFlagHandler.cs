using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Application.Common;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.PatchFlag;

internal sealed class PatchFlagHandler(
    IProjectRepository projects,
    IFlagRepository flags,
    ICatalogUnitOfWork unitOfWork,
    ICallerContext caller,
    TimeProvider time) : ICommandHandler<PatchFlagCommand, FlagDto>
{
    public async Task<FlagDto> Handle(PatchFlagCommand request, CancellationToken cancellationToken)
    {
        var project = await projects.GetManagedAsync(caller, request.ProjectId, cancellationToken);
        var flag = await flags.FindAsync(project.Id, request.FlagId, cancellationToken)
            ?? throw new NotFoundException("Flag", request.FlagId);

        var now = time.UtcNow();
        if (request.Description.IsSet)
        {
            flag.Describe(request.Description.Value, now);
        }

        if (request.Enabled is { IsSet: true, Value: { } enabled })
        {
            flag.SetEnabled(enabled, now);
        }

        if (request.DataRecordsEnabled is { IsSet: true, Value: { } dataRecordsEnabled })
        {
            flag.SetDataRecordsEnabled(dataRecordsEnabled, now);
        }

        if (request.Variants is { IsSet: true, Value: { } variants })
        {
            flag.ReplaceVariants([.. variants.Select(v => v?.Key)], now);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return FlagDto.From(flag);
    }
}
