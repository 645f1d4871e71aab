namespace ModularAnalytics.Modules.Datar.Api.Dashboard;

internal sealed record TrafficSectionModel(int ProjectId, bool DatarEnabled);
