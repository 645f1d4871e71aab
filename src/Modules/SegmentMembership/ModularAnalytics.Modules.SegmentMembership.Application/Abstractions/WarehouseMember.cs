namespace ModularAnalytics.Modules.SegmentMembership.Application.Abstractions;

internal sealed record WarehouseMember(string Identifier, string Key, string TraitsJson);
