using MediatR;

namespace ModularAnalytics.BuildingBlocks.Application.Scheduling;

/// <summary>
/// Runs a command later through the same MediatR pipeline as an API call.
/// A <paramref name="deduplicationKey"/> keeps at most one pending run per key (debounce).
/// </summary>
public interface ICommandScheduler
{
    Task EnqueueAsync<TCommand>(TCommand command, string? deduplicationKey, TimeSpan delay, CancellationToken cancellationToken)
        where TCommand : IRequest<Unit>;
}
