using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence;

internal sealed class DatarDbContext(DbContextOptions<DatarDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "datar";

    public override string Schema => SchemaName;

    public DbSet<HourlyEvent> HourlyEvents => Set<HourlyEvent>();

    public DbSet<AppliedFlush> AppliedFlushes => Set<AppliedFlush>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HourlyEvent>(e =>
        {
            e.ToTable("hourly_events");
            e.HasKey(x => new { x.FlagId, x.BucketHour, x.VariantId, x.SegmentId });
        });
        modelBuilder.Entity<AppliedFlush>(e =>
        {
            e.ToTable("applied_flushes");
            e.HasKey(x => x.FlushId);
            e.HasIndex(x => x.AppliedAt);
        });
    }
}
