using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence.Migrations;

[DbContext(typeof(DatarDbContext))]
[Migration("20261121000002_HourlyEvents")]
internal sealed class M0002_HourlyEvents : ModuleMigration
{
    protected override string ModuleSchema => DatarDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var events = Table("hourly_events");
        migrationBuilder.CreateTable(
            name: events,
            schema: Schema,
            columns: table => new
            {
                flag_id = table.Column<int>(nullable: false),
                bucket_hour = table.Column<long>(nullable: false),
                variant_id = table.Column<int>(nullable: false),
                segment_id = table.Column<int>(nullable: false),
                eval_count = table.Column<long>(nullable: false),
                last_evaluated_at = table.Column<long>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{events}", x => new { x.flag_id, x.bucket_hour, x.variant_id, x.segment_id }));

        var flushes = Table("applied_flushes");
        migrationBuilder.CreateTable(
            name: flushes,
            schema: Schema,
            columns: table => new
            {
                flush_id = table.Column<Guid>(nullable: false),
                applied_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{flushes}", x => x.flush_id));
        migrationBuilder.CreateIndex(name: $"IX_{flushes}_applied_at", table: flushes, schema: Schema, column: "applied_at");
    }
}
