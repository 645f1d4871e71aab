using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Migrations;

[DbContext(typeof(SegmentMembershipDbContext))]
[Migration("20261121000001_Initial")]
internal sealed class M0001_Initial : ModuleMigration
{
    protected override string ModuleSchema => SegmentMembershipDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (Schema is not null)
        {
            migrationBuilder.EnsureSchema(Schema);
        }
    }
}
