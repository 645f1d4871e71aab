using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence;

internal sealed class ExperimentationDbContext(DbContextOptions<ExperimentationDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "experimentation";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
