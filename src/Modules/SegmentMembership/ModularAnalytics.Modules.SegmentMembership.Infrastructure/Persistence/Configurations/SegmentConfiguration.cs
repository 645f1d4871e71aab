using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
