using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.SegmentMembership.Domain.Identities;
using ModularAnalytics.Modules.SegmentMembership.Domain.Membership;
using ModularAnalytics.Modules.SegmentMembership.Domain.Segments;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Persistence.Configurations;

internal sealed class SegmentConfiguration : IEntityTypeConfiguration<Segment>
{
    public void Configure(EntityTypeBuilder<Segment> builder)
    {
        builder.ToTable("segments");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(Segment.MaxNameLength).IsRequired();
        builder.Property(s => s.Key).HasMaxLength(Segment.MaxKeyLength);
        builder.Property(s => s.Description).HasMaxLength(Segment.MaxDescriptionLength);
        builder.Property(s => s.RulesJson).IsRequired();
        builder.Ignore(s => s.EffectiveKey);
        builder.HasIndex(s => s.ProjectId);
    }
}

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

internal sealed class SegmentMembershipCountConfiguration : IEntityTypeConfiguration<SegmentMembershipCount>
{
    public void Configure(EntityTypeBuilder<SegmentMembershipCount> builder)
    {
        builder.ToTable("membership_counts");
        builder.HasKey(c => new { c.SegmentId, c.EnvironmentId });
        builder.HasIndex(c => c.ProjectId);
    }
}

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
