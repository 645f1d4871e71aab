using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Migrations;

[DbContext(typeof(SegmentMembershipDbContext))]
[Migration("20261121000002_SegmentsIdentitiesCounts")]
internal sealed class M0002_SegmentsIdentitiesCounts : ModuleMigration
{
    protected override string ModuleSchema => SegmentMembershipDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var segments = Table("segments");
        var identities = Table("identities");
        var counts = Table("membership_counts");
        var states = Table("refresh_states");

        migrationBuilder.CreateTable(
            name: segments,
            schema: Schema,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                project_id = table.Column<int>(nullable: false),
                key = table.Column<string>(maxLength: 1000, nullable: true),
                name = table.Column<string>(maxLength: 200, nullable: false),
                description = table.Column<string>(maxLength: 2000, nullable: true),
                rules_json = table.Column<string>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{segments}", x => x.id));

        migrationBuilder.CreateTable(
            name: identities,
            schema: Schema,
            columns: table => new
            {
                environment_id = table.Column<int>(nullable: false),
                identifier = table.Column<string>(maxLength: 2000, nullable: false),
                key = table.Column<string>(maxLength: 2000, nullable: true),
                traits_json = table.Column<string>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{identities}", x => new { x.environment_id, x.identifier }));

        migrationBuilder.CreateTable(
            name: counts,
            schema: Schema,
            columns: table => new
            {
                segment_id = table.Column<int>(nullable: false),
                environment_id = table.Column<int>(nullable: false),
                project_id = table.Column<int>(nullable: false),
                count = table.Column<long>(nullable: false),
                last_synced_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{counts}", x => new { x.segment_id, x.environment_id }));

        migrationBuilder.CreateTable(
            name: states,
            schema: Schema,
            columns: table => new
            {
                project_id = table.Column<int>(nullable: false),
                last_attempt_at = table.Column<DateTime>(nullable: true),
                last_outcome = table.Column<string>(maxLength: 20, nullable: true),
                last_succeeded_at = table.Column<DateTime>(nullable: true),
                last_error_at = table.Column<DateTime>(nullable: true),
                last_error = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table => table.PrimaryKey($"PK_{states}", x => x.project_id));

        migrationBuilder.CreateIndex($"IX_{segments}_project_id", segments, "project_id", Schema);
        migrationBuilder.CreateIndex($"IX_{counts}_project_id", counts, "project_id", Schema);
    }
}
