namespace ModularAnalytics.Modules.Catalog.Application.Abstractions;

internal interface ICatalogUnitOfWork
{
    /// <summary>Saves every change of the request; throws <see cref="DuplicateKeyException"/> on a unique-index violation.</summary>
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
