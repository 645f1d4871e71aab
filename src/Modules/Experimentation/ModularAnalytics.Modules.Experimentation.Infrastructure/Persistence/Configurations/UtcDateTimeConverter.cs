using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ModularAnalytics.Modules.Experimentation.Infrastructure.Persistence.Configurations;

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
