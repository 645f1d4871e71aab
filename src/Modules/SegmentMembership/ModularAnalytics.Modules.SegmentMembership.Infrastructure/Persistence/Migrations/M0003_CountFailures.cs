using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Migrations;

[DbContext(typeof(SegmentMembershipDbContext))]
[Migration("20261202000003_CountFailures")]
internal sealed class M0003_CountFailures : ModuleMigration
{
    protected override string ModuleSchema => SegmentMembershipDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var failures = Table("count_failures");
        migrationBuilder.CreateTable(
            name: failures,
            schema: Schema,
            columns: table => new
            {
                segment_id = table.Column<int>(nullable: false),
                environment_id = table.Column<int>(nullable: false),
                project_id = table.Column<int>(nullable: false),
                failed_at = table.Column<DateTime>(nullable: false),
                error = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{failures}", x => new { x.segment_id, x.environment_id }));

        migrationBuilder.CreateIndex($"IX_{failures}_project_id", failures, "project_id", Schema);
    }
}
