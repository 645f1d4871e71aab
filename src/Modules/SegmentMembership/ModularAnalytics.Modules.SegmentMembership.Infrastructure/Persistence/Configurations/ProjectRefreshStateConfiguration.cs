using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Configurations;

internal sealed class ProjectRefreshStateConfiguration : IEntityTypeConfiguration<ProjectRefreshState>
{
    public void Configure(EntityTypeBuilder<ProjectRefreshState> builder)
    {
        builder.ToTable("refresh_states");
        builder.HasKey(s => s.ProjectId);
        builder.Property(s => s.ProjectId).ValueGeneratedNever();
        builder.Property(s => s.LastOutcome).HasMaxLength(20);
        builder.Property(s => s.LastError).HasMaxLength(ProjectRefreshState.MaxErrorLength);
    }
}
