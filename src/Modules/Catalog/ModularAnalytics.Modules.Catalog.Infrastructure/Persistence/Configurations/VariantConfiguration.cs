using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.Catalog.Domain.Common;
using ModularAnalytics.Modules.Catalog.Domain.Flags;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Configurations;

internal sealed class VariantConfiguration : IEntityTypeConfiguration<Variant>
{
    public void Configure(EntityTypeBuilder<Variant> builder)
    {
        builder.ToTable("variants");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Key).HasMaxLength(CatalogRules.MaxKeyLength).IsRequired();
        builder.HasIndex(v => new { v.FlagId, v.Key }).IsUnique();
    }
}
