using ModularAnalytics.Modules.Experimentation.Application.Abstractions;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence;

internal sealed class ExperimentationUnitOfWork(ExperimentationDbContext db) : IExperimentationUnitOfWork
{
    public Task SaveChangesAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
