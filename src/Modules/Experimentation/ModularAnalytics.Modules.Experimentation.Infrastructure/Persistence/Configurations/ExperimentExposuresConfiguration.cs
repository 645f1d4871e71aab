using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularAnalytics.Modules.Experimentation.Domain.Experiments;
using ModularAnalytics.Modules.Experimentation.Domain.Exposures;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Configurations;

internal sealed class ExperimentExposuresConfiguration : IEntityTypeConfiguration<ExperimentExposures>
{
    public void Configure(EntityTypeBuilder<ExperimentExposures> builder)
    {
        builder.ToTable("exposures");
        builder.HasKey(e => e.ExperimentId);
        builder.Property(e => e.ExperimentId).ValueGeneratedNever();
        builder.Property(e => e.Payload)
            .HasColumnName("payload_json")
            .HasConversion(v => JsonColumn.Write(v), v => JsonColumn.Read<ExposurePayload>(v));
        builder.Property(e => e.LastError).HasMaxLength(ExperimentExposures.MaxMessageLength);
        builder.Property(e => e.LastSkipReason).HasMaxLength(ExperimentExposures.MaxMessageLength);
        builder.HasOne<Experiment>().WithOne().HasForeignKey<ExperimentExposures>(e => e.ExperimentId).OnDelete(DeleteBehavior.Cascade);
    }
}
