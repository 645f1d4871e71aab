using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;
using ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Configurations;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence;

internal sealed class ExperimentationDbContext(DbContextOptions<ExperimentationDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "experimentation";

    public override string Schema => SchemaName;

    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<ExperimentExposures> Exposures => Set<ExperimentExposures>();

    // SQLite hands DateTimes back without a kind; every timestamp of this module is UTC.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ExperimentationDbContext).Assembly);
}
