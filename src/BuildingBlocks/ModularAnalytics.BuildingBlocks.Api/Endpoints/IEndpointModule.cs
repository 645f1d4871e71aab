using Microsoft.AspNetCore.Routing;

namespace ModularAnalytics.BuildingBlocks.Api.Endpoints;

/// <summary>Carter's module shape: a class that maps its routes. Found by assembly scanning.</summary>
public interface IEndpointModule
{
    void AddRoutes(IEndpointRouteBuilder app);
}
