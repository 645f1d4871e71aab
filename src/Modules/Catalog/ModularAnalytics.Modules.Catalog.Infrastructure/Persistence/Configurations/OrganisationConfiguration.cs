using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.Catalog.Domain.Common;
using ModularAnalytics.Modules.Catalog.Domain.Organisations;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Configurations;

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(CatalogRules.MaxNameLength).IsRequired();
        builder.Property(o => o.ApiTokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(o => o.ApiTokenHash).IsUnique();
        builder.HasIndex(o => o.SegmentMembershipInspection);
    }
}
