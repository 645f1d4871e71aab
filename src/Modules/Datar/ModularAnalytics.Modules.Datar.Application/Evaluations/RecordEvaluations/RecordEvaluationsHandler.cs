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
    RecorderOptions options,
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
        var recording = recorders.AnyEnabled;
        // Built in the one pass over the batch: ingestion's CPU goes per record, so nothing per record is made twice.
        var toRecord = new List<EvaluationRecord>(recording ? inputs.Count : 0);
        List<ExposureRecord>? exposures = null;
        var resolved = 0;

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i]!;
            var flag = ResolveFlag(flags, input, i, errors);
            if (flag is null)
            {
                continue;
            }

            var variant = ResolveVariant(flag, input, i, errors);
            var timestamp = input.Timestamp ?? now;
            if (timestamp > now + MaxClockSkew)
            {
                errors[Field(i, "timestamp")] = ["The timestamp is in the future."];
                continue;
            }

            if (timestamp < now - options.MaxRecordAge)
            {
                errors[Field(i, "timestamp")] = [$"The timestamp is older than {options.MaxRecordAge.TotalDays:0.##} days (Recorder:Datar:MaxRecordAge)."];
                continue;
            }

            if (variant is null || errors.Count > 0)
            {
                continue;
            }

            resolved++;
            var source = input.RecordSource ?? RecordSource.Evaluation;
            if (source == RecordSource.Exposure)
            {
                (exposures ??= []).Add(new ExposureRecord(input.EntityId!, flag.Key, variant.Key, timestamp));
            }

            if (recording && flag.DataRecordsEnabled)
            {
                toRecord.Add(new EvaluationRecord(request.ProjectId, request.EnvironmentId, flag.Id, variant.Id, input.SegmentId ?? 0, input.EntityId!, timestamp, source));
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        // Exposures go to Experimentation whatever the recorder settings, and first: a 202 means both are stored.
        if (exposures is not null)
        {
            await mediator.Send(new RecordExposuresCommand(request.EnvironmentId, exposures), cancellationToken);
        }

        if (!recording)
        {
            return new RecordEvaluationsResult(inputs.Count, 0, new NotRecorded(resolved, 0));
        }

        await recorders.RecordAsync(toRecord, cancellationToken);
        return new RecordEvaluationsResult(inputs.Count, toRecord.Count, new NotRecorded(0, resolved - toRecord.Count));
    }

    // Only for a fault: a valid record costs no string.
    private static string Field(int index, string field) => string.Create(CultureInfo.InvariantCulture, $"records[{index}].{field}");

    private static FlagInfo? ResolveFlag(ProjectFlags flags, EvaluationRecordInput input, int index, Dictionary<string, string[]> errors)
    {
        if (input.FlagId is { } id)
        {
            var byId = flags.ById(id);
            if (byId is null)
            {
                errors[Field(index, "flagID")] = [$"No flag {id} in this environment's project."];
                return null;
            }

            if (input.FlagKey is { Length: > 0 } key && !string.Equals(key, byId.Key, StringComparison.Ordinal))
            {
                errors[Field(index, "flagKey")] = [$"flagKey '{key}' is not the key of flag {id}."];
                return null;
            }

            return byId;
        }

        var byKey = flags.ByKey(input.FlagKey!);
        if (byKey is null)
        {
            errors[Field(index, "flagKey")] = [$"No flag '{input.FlagKey}' in this environment's project."];
        }

        return byKey;
    }

    private static VariantInfo? ResolveVariant(FlagInfo flag, EvaluationRecordInput input, int index, Dictionary<string, string[]> errors)
    {
        if (input.VariantId is { } id)
        {
            var byId = FindVariant(flag.Variants, id, key: null);
            if (byId is null)
            {
                errors[Field(index, "variantID")] = [$"Flag '{flag.Key}' has no variant {id}."];
                return null;
            }

            if (input.VariantKey is { Length: > 0 } key && !string.Equals(key, byId.Key, StringComparison.Ordinal))
            {
                errors[Field(index, "variantKey")] = [$"variantKey '{key}' is not the key of variant {id}."];
                return null;
            }

            return byId;
        }

        var byKey = FindVariant(flag.Variants, id: null, input.VariantKey);
        if (byKey is null)
        {
            errors[Field(index, "variantKey")] = [$"Flag '{flag.Key}' has no variant '{input.VariantKey}'."];
        }

        return byKey;
    }

    // An indexed loop: a flag has a handful of variants, and this runs per record (no enumerator, no closure).
    private static VariantInfo? FindVariant(IReadOnlyList<VariantInfo> variants, int? id, string? key)
    {
        for (var i = 0; i < variants.Count; i++)
        {
            if (id is { } wanted ? variants[i].Id == wanted : string.Equals(variants[i].Key, key, StringComparison.Ordinal))
            {
                return variants[i];
            }
        }

        return null;
    }
}
