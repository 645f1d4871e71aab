using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;

/// <summary>
/// Base of every module's DbContext: one schema per module on PostgreSQL; on SQLite, which has no schemas,
/// the schema becomes a table-name prefix (`catalog_flags`). Names are snake_case on both.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The module's schema, e.g. "catalog".</summary>
    public abstract string Schema { get; }

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Database.IsSqlite() ? null : Schema);
        ConfigureModel(modelBuilder);
        ApplyNamingConventions(modelBuilder, Database.IsSqlite() ? Schema : null);
    }

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    private static void ApplyNamingConventions(ModelBuilder modelBuilder, string? sqlitePrefix)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => !e.IsOwned() || e.GetTableName() is not null))
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            var name = ToSnakeCase(table);
            entity.SetTableName(sqlitePrefix is null ? name : $"{sqlitePrefix}_{name}");
            if (sqlitePrefix is not null)
            {
                entity.SetSchema(null);
            }

            var storeObject = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(storeObject) is { } column && property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null)
                {
                    property.SetColumnName(ToSnakeCase(column));
                }
            }
        }
    }

    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
