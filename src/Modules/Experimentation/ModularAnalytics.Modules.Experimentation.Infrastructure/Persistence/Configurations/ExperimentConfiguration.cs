using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Configurations;

internal sealed class ExperimentConfiguration : IEntityTypeConfiguration<Experiment>
{
    public void Configure(EntityTypeBuilder<Experiment> builder)
    {
        builder.ToTable("experiments");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Name).HasMaxLength(Experiment.MaxNameLength).IsRequired();
        builder.Property(e => e.FlagKey).HasMaxLength(Experiment.MaxFlagKeyLength).IsRequired();
        builder.Property(e => e.Variants)
            .HasColumnName("variants_json")
            .HasConversion(
                v => JsonColumn.Write(v),
                v => JsonColumn.Read<List<ExperimentVariant>>(v),
                new ValueComparer<IReadOnlyList<ExperimentVariant>>(
                    (a, b) => a != null && b != null && a.SequenceEqual(b),
                    v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                    v => v.ToList()))
            .IsRequired();
        builder.HasIndex(e => e.ProjectId);
    }
}
