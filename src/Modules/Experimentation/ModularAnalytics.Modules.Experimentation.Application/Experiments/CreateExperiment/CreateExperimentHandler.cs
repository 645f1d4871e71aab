using System.Globalization;
using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Application.Security;
using ModularAnalytics.BuildingBlocks.Application.Time;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Application.Experiments.CreateExperiment;

internal sealed class CreateExperimentHandler(
    IMediator mediator,
    ICallerContext caller,
    IExperimentRepository experiments,
    IExperimentationUnitOfWork unitOfWork,
    TimeProvider time) : ICommandHandler<CreateExperimentCommand, ExperimentDto>
{
    public async Task<ExperimentDto> Handle(CreateExperimentCommand request, CancellationToken cancellationToken)
    {
        var project = await mediator.GetManagedProjectAsync(caller, request.ProjectId, cancellationToken);
        var errors = new Dictionary<string, string[]>();

        var environments = await mediator.Send(new GetProjectEnvironmentsQuery(project.Id), cancellationToken);
        if (environments.All(e => e.Id != request.EnvironmentId))
        {
            errors["environmentId"] = [$"No environment {request.EnvironmentId} in project {project.Id}."];
        }

        var flag = await mediator.Send(new GetFlagByKeyQuery(project.Id, request.FlagKey!), cancellationToken);
        if (flag is null)
        {
            errors["flagKey"] = [$"No flag '{request.FlagKey}' in project {project.Id}."];
        }

        var variants = request.Variants!.Select(v => new ExperimentVariant(v!.Key!, v.Weight!.Value)).ToList();
        for (var i = 0; i < variants.Count; i++)
        {
            var key = variants[i].Key;
            var field = string.Create(CultureInfo.InvariantCulture, $"variants[{i}].key");
            if (flag is not null && flag.Variants.All(v => !string.Equals(v.Key, key, StringComparison.Ordinal)))
            {
                errors[field] = [$"Flag '{flag.Key}' has no variant '{key}'."];
            }
            else if (variants.Take(i).Any(v => string.Equals(v.Key, key, StringComparison.Ordinal)))
            {
                errors[field] = [$"Variant '{key}' is listed twice."];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var experiment = new Experiment(project.Id, request.Name!, flag!.Key, request.EnvironmentId!.Value, variants,
            request.StartedAt!.Value.UtcDateTime, request.EndedAt?.UtcDateTime, time.UtcNow());
        experiments.Add(experiment);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return ExperimentDto.From(experiment);
    }
}
