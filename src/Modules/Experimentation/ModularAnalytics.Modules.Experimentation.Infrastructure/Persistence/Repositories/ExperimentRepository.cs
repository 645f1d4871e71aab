using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Experimentation.Application.Abstractions;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Repositories;

internal sealed class ExperimentRepository(ExperimentationDbContext db) : IExperimentRepository
{
    public void Add(Experiment experiment) => db.Experiments.Add(experiment);

    public Task<Experiment?> FindAsync(int experimentId, CancellationToken cancellationToken) =>
        db.Experiments.FirstOrDefaultAsync(e => e.Id == experimentId, cancellationToken);

    public async Task<IReadOnlyList<Experiment>> ListByProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await db.Experiments.AsNoTracking().Where(e => e.ProjectId == projectId).OrderBy(e => e.Id).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<int>> ListDueForRefreshAsync(CancellationToken cancellationToken) =>
        await (from e in db.Experiments.AsNoTracking()
               join x in db.Exposures.AsNoTracking() on e.Id equals x.ExperimentId into stored
               from x in stored.DefaultIfEmpty()
               where e.EndedAt == null || x == null || x.AsOf == null || x.AsOf < e.EndedAt || x.WindowEnd != e.EndedAt
               orderby e.Id
               select e.Id).ToListAsync(cancellationToken);
}
