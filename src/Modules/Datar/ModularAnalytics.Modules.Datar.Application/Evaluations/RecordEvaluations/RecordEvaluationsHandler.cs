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
        var resolved = new List<ResolvedRecord>(inputs.Count);

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i]!;
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

            if (timestamp < now - options.MaxRecordAge)
            {
                errors[path + ".timestamp"] = [$"The timestamp is older than {options.MaxRecordAge.TotalDays:0.##} days (Recorder:Datar:MaxRecordAge)."];
                continue;
            }

            if (variant is not null)
            {
                resolved.Add(new ResolvedRecord(flag, variant, input.SegmentId ?? 0, input.EntityId!, timestamp, input.RecordSource ?? RecordSource.Evaluation));
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        // Exposures go to Experimentation whatever the recorder settings, and first: a 202 means both are stored.
        var exposures = resolved
            .Where(r => r.Source == RecordSource.Exposure)
            .Select(r => new ExposureRecord(r.EntityId, r.Flag.Key, r.Variant.Key, r.Timestamp))
            .ToList();
        if (exposures.Count > 0)
        {
            await mediator.Send(new RecordExposuresCommand(request.EnvironmentId, exposures), cancellationToken);
        }

        if (!recorders.AnyEnabled)
        {
            return new RecordEvaluationsResult(inputs.Count, 0, new NotRecorded(resolved.Count, 0));
        }

        var toRecord = resolved
            .Where(r => r.Flag.DataRecordsEnabled)
            .Select(r => new EvaluationRecord(request.ProjectId, request.EnvironmentId, r.Flag.Id, r.Variant.Id, r.SegmentId, r.EntityId, r.Timestamp, r.Source))
            .ToArray();
        await recorders.RecordAsync(toRecord, cancellationToken);
        return new RecordEvaluationsResult(inputs.Count, toRecord.Length, new NotRecorded(0, resolved.Count - toRecord.Length));
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

/// <summary>A posted record resolved against the catalog, whether or not its flag records data.</summary>
internal sealed record ResolvedRecord(FlagInfo Flag, VariantInfo Variant, int SegmentId, string EntityId, DateTimeOffset Timestamp, RecordSource Source);
