using ModularAnalytics.BuildingBlocks.ClickHouse.Migrations;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>The module's warehouse schema: the <c>identities</c> table the compiled segment SQL reads.</summary>
internal sealed class SegmentMembershipWarehouseMigrations : IWarehouseMigrationSource
{
    public const string Module = "SegmentMembership";

    public IEnumerable<WarehouseMigration> GetMigrations() =>
        [
            new WarehouseMigration(Module, 1, "identities", [IdentityWarehouseRows.CreateTable]),
            new WarehouseMigration(Module, 2, "identity_trait_types", [.. IdentityWarehouseRows.CreateTypes, IdentityWarehouseRows.BackfillTypes]),
            new WarehouseMigration(Module, 3, "identities.traits_text", [IdentityWarehouseRows.AddTraitsText]),
            new WarehouseMigration(Module, 4, "identities prepared columns", [IdentityWarehouseRows.AddPreparedColumns])
            {
                Data = StoredIdentityPreparation.RunAsync,
            },
        ];
}
