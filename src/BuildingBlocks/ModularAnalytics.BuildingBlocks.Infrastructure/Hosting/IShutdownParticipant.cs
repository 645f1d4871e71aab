namespace ModularAnalytics.BuildingBlocks.Infrastructure.Hosting;

/// <summary>
/// Work that must finish before the process exits (e.g. Datar's final flush). Called once on graceful
/// shutdown, after the server stopped taking requests, within the host's shutdown timeout.
/// </summary>
public interface IShutdownParticipant
{
    Task OnShutdownAsync(CancellationToken cancellationToken);
}
