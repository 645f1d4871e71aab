using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Stores;

/// <summary>Quoted table and column names as the model maps them on the active provider, for hand-written SQL.</summary>
internal static class SqlNames
{
    public static string Table<T>(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        return db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
    }

    public static string Column<T>(DbContext db, string property)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return db.GetService<ISqlGenerationHelper>().DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
    }
}
