using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.Catalog.Domain.Common;
using ModularAnalytics.Modules.Catalog.Domain.Flags;
using ModularAnalytics.Modules.Catalog.Domain.Projects;

namespace ModularAnalytics.Modules.Catalog.Infrastructure.Persistence.Configurations;

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    /// <summary>Same text on SQLite and PostgreSQL: both take unquoted lowercase identifiers.</summary>
    public const string LiveFilter = "deleted_at IS NULL";

    public void Configure(EntityTypeBuilder<Flag> builder)
    {
        builder.ToTable("flags");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Key).HasMaxLength(CatalogRules.MaxKeyLength).IsRequired();
        builder.Property(f => f.Description).HasMaxLength(CatalogRules.MaxDescriptionLength).IsRequired();
        builder.Ignore(f => f.IsDeleted);

        // A deleted flag frees its key for a new flag; its row stays for other modules' history.
        builder.HasIndex(f => new { f.ProjectId, f.Key }).IsUnique().HasFilter(LiveFilter);
        builder.HasQueryFilter(f => f.DeletedAt == null);
        builder.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(f => f.Variants).WithOne().HasForeignKey(v => v.FlagId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Variants).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
