using System.Text.Json;
using MediatR;
using Quartz;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Scheduling;

/// <summary>
/// A command as it is stored in a trigger's or job's data map: its type name and its JSON. Strings only, so the
/// persistent store keeps the map readable (StoreJobDataAsStrings) and no serializer needs to know the type.
/// </summary>
internal sealed record CommandEnvelope(string TypeName, string Payload)
{
    public const string TypeKey = "command-type";
    public const string PayloadKey = "command-payload";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static CommandEnvelope From(IRequest<Unit> command)
    {
        var type = command.GetType();
        // No version in the name: a scheduled command survives a deployment that bumps assembly versions.
        return new CommandEnvelope($"{type.FullName}, {type.Assembly.GetName().Name}", JsonSerializer.Serialize(command, type, Json));
    }

    public static CommandEnvelope? Read(JobDataMap data) =>
        data.TryGetString(TypeKey, out var type) && data.TryGetString(PayloadKey, out var payload) && type is not null && payload is not null
            ? new CommandEnvelope(type, payload)
            : null;

    public JobDataMap ToJobData() => new() { [TypeKey] = TypeName, [PayloadKey] = Payload };

    public IRequest<Unit> Deserialize()
    {
        var type = Type.GetType(TypeName, throwOnError: false)
            ?? throw new InvalidOperationException($"Scheduled command type '{TypeName}' is not loaded in this process.");

        // Only commands are ever materialised from stored data, whatever a row in the store says.
        if (!typeof(IRequest<Unit>).IsAssignableFrom(type))
        {
            throw new InvalidOperationException($"Scheduled type '{TypeName}' is not a command (IRequest<Unit>).");
        }

        return (IRequest<Unit>)(JsonSerializer.Deserialize(Payload, type, Json)
            ?? throw new InvalidOperationException($"Scheduled command '{TypeName}' has an empty payload."));
    }
}
