using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Configurations;

internal sealed class SegmentCountFailureConfiguration : IEntityTypeConfiguration<SegmentCountFailure>
{
    public void Configure(EntityTypeBuilder<SegmentCountFailure> builder)
    {
        builder.ToTable("count_failures");
        builder.HasKey(f => new { f.SegmentId, f.EnvironmentId });
        builder.Property(f => f.Error).HasMaxLength(SegmentCountFailure.MaxErrorLength).IsRequired();
        builder.HasIndex(f => f.ProjectId);
    }
}
