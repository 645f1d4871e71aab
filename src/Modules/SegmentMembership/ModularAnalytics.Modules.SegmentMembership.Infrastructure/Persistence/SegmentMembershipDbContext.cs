using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence;

internal sealed class SegmentMembershipDbContext(DbContextOptions<SegmentMembershipDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "segment_membership";

    public override string Schema => SchemaName;

    public DbSet<Segment> Segments => Set<Segment>();

    public DbSet<StoredIdentity> Identities => Set<StoredIdentity>();

    public DbSet<SegmentMembershipCount> MembershipCounts => Set<SegmentMembershipCount>();

    public DbSet<SegmentCountFailure> CountFailures => Set<SegmentCountFailure>();

    public DbSet<ProjectRefreshState> RefreshStates => Set<ProjectRefreshState>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SegmentMembershipDbContext).Assembly);
}
