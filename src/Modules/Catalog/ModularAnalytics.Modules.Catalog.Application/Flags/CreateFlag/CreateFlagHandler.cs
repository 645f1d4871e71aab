using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.BuildingBlocks.Domain;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using ModularAnalytics.Modules.Catalog.Application.Common;
using ModularAnalytics.Modules.Catalog.Domain.Flags;

namespace ModularAnalytics.Modules.Catalog.Application.Flags.CreateFlag;

internal sealed class CreateFlagHandler(
    IProjectRepository projects,
    IFlagRepository flags,
    ICatalogUnitOfWork unitOfWork,
    ICallerContext caller,
    TimeProvider time) : ICommandHandler<CreateFlagCommand, FlagDto>
{
    public async Task<FlagDto> Handle(CreateFlagCommand request, CancellationToken cancellationToken)
    {
        var project = await projects.GetManagedAsync(caller, request.ProjectId, cancellationToken);
        var variantKeys = (request.Variants ?? []).Select(v => v?.Key).ToList();
        var flag = Flag.Create(
            project.Id,
            request.Key,
            request.Description,
            request.Enabled ?? true,
            request.DataRecordsEnabled ?? false,
            variantKeys,
            time.UtcNow());

        // The contract knows no 409, so a taken key is a validation error on `key`, like any other bad field.
        if (await flags.KeyExistsAsync(project.Id, flag.Key, cancellationToken))
        {
            throw DuplicateKey(flag.Key);
        }

        flags.Add(flag);
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw DuplicateKey(flag.Key);
        }

        return FlagDto.From(flag);
    }

    private static DomainException DuplicateKey(string key) =>
        new("key", $"The project already has a flag with key '{key}'.");
}
