using System.Globalization;
using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Exceptions;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.Modules.Catalog.Contracts;
using ModularAnalytics.Modules.Datar.Application.Flags;
using ModularAnalytics.Modules.Datar.Application.Recording;
using ModularAnalytics.Modules.Experimentation.Contracts;

namespace ModularAnalytics.Modules.Datar.Application.Evaluations.RecordEvaluations;

internal sealed class RecordEvaluationsHandler(
    IMediator mediator,
    FlagDirectory directory,
    FanOutRecorder recorders,
    TimeProvider time) : ICommandHandler<RecordEvaluationsCommand, RecordEvaluationsResult>
{
    // Clients' clocks drift; a timestamp further ahead than this is a bug on their side, not a future hour to count.
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    public async Task<RecordEvaluationsResult> Handle(RecordEvaluationsCommand request, CancellationToken cancellationToken)
    {
        var inputs = request.Records!;
        var flags = await directory.GetAsync(mediator, request.ProjectId, cancellationToken);
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var resolved = new List<EvaluationRecord>(inputs.Count);
        var exposures = new List<ExposureRecord>();

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var path = string.Create(CultureInfo.InvariantCulture, $"records[{i}]");
            var flag = ResolveFlag(flags, input, path, errors);
            if (flag is null)
            {
                continue;
            }

            var variant = ResolveVariant(flag, input, path, errors);
            var timestamp = input.Timestamp ?? now;
            if (timestamp > now + MaxClockSkew)
            {
                errors[path + ".timestamp"] = ["The timestamp is in the future."];
                continue;
            }

            if (variant is not null && input.RecordSource == RecordSource.Exposure)
            {
                exposures.Add(new ExposureRecord(input.EntityId!, flag.Key, variant.Key, timestamp));
            }

            if (variant is not null && flag.DataRecordsEnabled)
            {
                resolved.Add(new EvaluationRecord(request.ProjectId, request.EnvironmentId, flag.Id, variant.Id,
                    input.SegmentId ?? 0, input.EntityId!, timestamp, input.RecordSource ?? RecordSource.Evaluation));
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        // Exposures go to Experimentation whatever the recorder settings, and first: a 202 means both are stored.
        if (exposures.Count > 0)
        {
            await mediator.Send(new RecordExposuresCommand(request.EnvironmentId, exposures), cancellationToken);
        }

        await recorders.RecordAsync(resolved, cancellationToken);
        return new RecordEvaluationsResult(inputs.Count);
    }

    private static FlagInfo? ResolveFlag(ProjectFlags flags, EvaluationRecordInput input, string path, Dictionary<string, string[]> errors)
    {
        if (input.FlagId is { } id)
        {
            var byId = flags.ById(id);
            if (byId is null)
            {
                errors[path + ".flagID"] = [$"No flag {id} in this environment's project."];
                return null;
            }

            if (input.FlagKey is { Length: > 0 } key && !string.Equals(key, byId.Key, StringComparison.Ordinal))
            {
                errors[path + ".flagKey"] = [$"flagKey '{key}' is not the key of flag {id}."];
                return null;
            }

            return byId;
        }

        var byKey = flags.ByKey(input.FlagKey!);
        if (byKey is null)
        {
            errors[path + ".flagKey"] = [$"No flag '{input.FlagKey}' in this environment's project."];
        }

        return byKey;
    }

    private static VariantInfo? ResolveVariant(FlagInfo flag, EvaluationRecordInput input, string path, Dictionary<string, string[]> errors)
    {
        if (input.VariantId is { } id)
        {
            var byId = flag.Variants.FirstOrDefault(v => v.Id == id);
            if (byId is null)
            {
                errors[path + ".variantID"] = [$"Flag '{flag.Key}' has no variant {id}."];
                return null;
            }

            if (input.VariantKey is { Length: > 0 } key && !string.Equals(key, byId.Key, StringComparison.Ordinal))
            {
                errors[path + ".variantKey"] = [$"variantKey '{key}' is not the key of variant {id}."];
                return null;
            }

            return byId;
        }

        var byKey = flag.Variants.FirstOrDefault(v => string.Equals(v.Key, input.VariantKey, StringComparison.Ordinal));
        if (byKey is null)
        {
            errors[path + ".variantKey"] = [$"Flag '{flag.Key}' has no variant '{input.VariantKey}'."];
        }

        return byKey;
    }
}
