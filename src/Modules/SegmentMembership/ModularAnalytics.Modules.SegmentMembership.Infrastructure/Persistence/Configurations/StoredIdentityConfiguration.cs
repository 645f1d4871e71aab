using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Configurations;

internal sealed class StoredIdentityConfiguration : IEntityTypeConfiguration<StoredIdentity>
{
    public void Configure(EntityTypeBuilder<StoredIdentity> builder)
    {
        builder.ToTable("identities");
        builder.HasKey(i => new { i.EnvironmentId, i.Identifier });
        builder.Property(i => i.Identifier).HasMaxLength(IdentityLimits.MaxIdentifierBytes);
        builder.Property(i => i.Key).HasMaxLength(IdentityLimits.MaxKeyLength);
        builder.Property(i => i.TraitsJson).IsRequired();
    }
}
