using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence.Migrations;

[DbContext(typeof(DatarDbContext))]
[Migration("20261121000001_Initial")]
internal sealed class M0001_Initial : ModuleMigration
{
    protected override string ModuleSchema => DatarDbContext.SchemaName;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (Schema is not null)
        {
            migrationBuilder.EnsureSchema(Schema);
        }
    }
}
