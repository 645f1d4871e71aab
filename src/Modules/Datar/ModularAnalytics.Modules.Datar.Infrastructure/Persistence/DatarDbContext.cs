using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

namespace ModularAnalytics.Modules.Datar.Infrastructure.Persistence;

internal sealed class DatarDbContext(DbContextOptions<DatarDbContext> options) : ModuleDbContext(options)
{
    public const string SchemaName = "datar";

    public override string Schema => SchemaName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}
