namespace ModularAnalytics.Modules.Experimentation.Application.Abstractions;

internal interface IExperimentationUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
