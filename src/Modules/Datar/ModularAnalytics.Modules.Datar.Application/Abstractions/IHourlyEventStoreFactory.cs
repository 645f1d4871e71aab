namespace ModularAnalytics.Modules.Datar.Application.Abstractions;

/// <summary>
/// Gives the singleton flusher an <see cref="IHourlyEventStore"/> for one flush: the store holds a unit of work that
/// must not outlive the flush.
/// </summary>
internal interface IHourlyEventStoreFactory
{
    /// <summary>Runs <paramref name="work"/> with a store of its own, released when the work ends.</summary>
    Task<T> UseAsync<T>(Func<IHourlyEventStore, Task<T>> work);
}
