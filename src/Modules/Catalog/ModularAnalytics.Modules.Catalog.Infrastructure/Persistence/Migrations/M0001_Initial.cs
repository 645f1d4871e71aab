using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Configurations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Migrations;

[DbContext(typeof(CatalogDbContext))]
[Migration("20261121000001_Initial")]
internal sealed class M0001_Initial : ModuleMigration
{
    protected override string ModuleSchema => CatalogDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (Schema is not null)
        {
            migrationBuilder.EnsureSchema(Schema);
        }

        var organisations = Table("organisations");
        var projects = Table("projects");
        var environments = Table("environments");
        var flags = Table("flags");
        var variants = Table("variants");

        migrationBuilder.CreateTable(
            name: organisations,
            schema: Schema,
            columns: table => new
            {
                id = Identity(table),
                name = table.Column<string>(maxLength: 200, nullable: false),
                segment_membership_inspection = table.Column<bool>(nullable: false),
                api_token_hash = table.Column<string>(maxLength: 64, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{organisations}", x => x.id));

        migrationBuilder.CreateTable(
            name: projects,
            schema: Schema,
            columns: table => new
            {
                id = Identity(table),
                organisation_id = table.Column<int>(nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{projects}", x => x.id);
                table.ForeignKey($"FK_{projects}_{organisations}_organisation_id", x => x.organisation_id, organisations, "id", Schema, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: environments,
            schema: Schema,
            columns: table => new
            {
                id = Identity(table),
                project_id = table.Column<int>(nullable: false),
                name = table.Column<string>(maxLength: 200, nullable: false),
                key = table.Column<string>(maxLength: 64, nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{environments}", x => x.id);
                table.ForeignKey($"FK_{environments}_{projects}_project_id", x => x.project_id, projects, "id", Schema, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: flags,
            schema: Schema,
            columns: table => new
            {
                id = Identity(table),
                project_id = table.Column<int>(nullable: false),
                key = table.Column<string>(maxLength: 100, nullable: false),
                description = table.Column<string>(maxLength: 2000, nullable: false),
                enabled = table.Column<bool>(nullable: false),
                data_records_enabled = table.Column<bool>(nullable: false),
                created_at = table.Column<DateTime>(nullable: false),
                updated_at = table.Column<DateTime>(nullable: false),
                deleted_at = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{flags}", x => x.id);
                table.ForeignKey($"FK_{flags}_{projects}_project_id", x => x.project_id, projects, "id", Schema, onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: variants,
            schema: Schema,
            columns: table => new
            {
                id = Identity(table),
                flag_id = table.Column<int>(nullable: false),
                key = table.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{variants}", x => x.id);
                table.ForeignKey($"FK_{variants}_{flags}_flag_id", x => x.flag_id, flags, "id", Schema, onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex($"IX_{organisations}_api_token_hash", organisations, "api_token_hash", Schema, unique: true);
        migrationBuilder.CreateIndex($"IX_{organisations}_segment_membership_inspection", organisations, "segment_membership_inspection", Schema);
        migrationBuilder.CreateIndex($"IX_{projects}_organisation_id", projects, "organisation_id", Schema);
        migrationBuilder.CreateIndex($"IX_{environments}_key", environments, "key", Schema, unique: true);
        migrationBuilder.CreateIndex($"IX_{environments}_project_id", environments, "project_id", Schema);
        migrationBuilder.CreateIndex(
            $"IX_{flags}_project_id_key", flags, ["project_id", "key"], Schema, unique: true, filter: FlagConfiguration.LiveFilter);
        migrationBuilder.CreateIndex($"IX_{variants}_flag_id_key", variants, ["flag_id", "key"], Schema, unique: true);
    }

    /// <summary>An int key generated by the store: IDENTITY on PostgreSQL, AUTOINCREMENT on SQLite (each ignores the other's annotation).</summary>
    private static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<int>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
