using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Migrations;

[DbContext(typeof(ExperimentationDbContext))]
[Migration("20261202000002_Experiments")]
internal sealed class M0002_Experiments : ModuleMigration
{
    protected override string ModuleSchema => ExperimentationDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var experiments = Table("experiments");
        var exposures = Table("exposures");

        migrationBuilder.CreateTable(
            name: experiments,
            schema: Schema,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                project_id = table.Column<int>(nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                flag_key = table.Column<string>(maxLength: 200, nullable: false),
                environment_id = table.Column<int>(nullable: false),
                variants_json = table.Column<string>(nullable: false),
                started_at = table.Column<DateTime>(nullable: false),
                ended_at = table.Column<DateTime>(nullable: true),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{experiments}", x => x.id));
        migrationBuilder.CreateIndex($"IX_{experiments}_project_id", experiments, "project_id", Schema);

        migrationBuilder.CreateTable(
            name: exposures,
            schema: Schema,
            columns: table => new
            {
                experiment_id = table.Column<int>(nullable: false),
                as_of = table.Column<DateTime>(nullable: true),
                window_end = table.Column<DateTime>(nullable: true),
                payload_json = table.Column<string>(nullable: true),
                last_error_at = table.Column<DateTime>(nullable: true),
                last_error = table.Column<string>(maxLength: 2000, nullable: true),
                last_skipped_at = table.Column<DateTime>(nullable: true),
                last_skip_reason = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{exposures}", x => x.experiment_id);
                table.ForeignKey($"FK_{exposures}_{experiments}_experiment_id", x => x.experiment_id, experiments, "id", Schema, onDelete: ReferentialAction.Cascade);
            });
    }
}
