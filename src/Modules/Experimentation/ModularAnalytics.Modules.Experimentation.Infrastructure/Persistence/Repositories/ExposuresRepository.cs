using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Repositories;

internal sealed class ExposuresRepository(ExperimentationDbContext db) : IExposuresRepository
{
    public Task<ExperimentExposures?> FindAsync(int experimentId, CancellationToken cancellationToken) =>
        db.Exposures.FirstOrDefaultAsync(e => e.ExperimentId == experimentId, cancellationToken);

    public async Task<ExperimentExposures> GetOrAddAsync(int experimentId, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(experimentId, cancellationToken);
        if (stored is null)
        {
            stored = new ExperimentExposures(experimentId);
            db.Exposures.Add(stored);
        }

        return stored;
    }
}
