using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence;

internal sealed class SegmentMembershipDbContext(DbContextOptions<SegmentMembershipDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "segment_membership";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
