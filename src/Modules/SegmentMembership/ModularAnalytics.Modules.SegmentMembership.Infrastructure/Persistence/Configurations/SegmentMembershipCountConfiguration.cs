using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Configurations;

internal sealed class SegmentMembershipCountConfiguration : IEntityTypeConfiguration<SegmentMembershipCount>
{
    public void Configure(EntityTypeBuilder<SegmentMembershipCount> builder)
    {
        builder.ToTable("membership_counts");
        builder.HasKey(c => new { c.SegmentId, c.EnvironmentId });
        builder.HasIndex(c => c.ProjectId);
    }
}
