using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ModularAnalytics.Modules.Catalog.Application.Abstractions;
using Npgsql;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence;

internal sealed class CatalogUnitOfWork(CatalogDbContext db) : ICatalogUnitOfWork
{
    private const int SqliteConstraintUnique = 2067;

    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex.InnerException))
        {
            throw new DuplicateKeyException("A unique index rejected the change.", ex);
        }
    }

    private static bool IsUniqueViolation(Exception? exception) => exception switch
    {
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException s => s.SqliteExtendedErrorCode == SqliteConstraintUnique,
        _ => false,
    };
}
