using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Api.Endpoints;

namespace ModularAnalytics.Modules.Fake.Infrastructure
{
    /// <summary>Infrastructure may use EF Core.</summary>
    public sealed class FakeStore(DbContextOptions options) : DbContext(options);
}

namespace ModularAnalytics.Modules.Fake.Api
{
    public sealed class PublicEndpoint : IEndpointModule
    {
        public void AddRoutes(IEndpointRouteBuilder app)
        {
        }
    }

    internal sealed class GoodEndpoint : IEndpointModule
    {
        public void AddRoutes(IEndpointRouteBuilder app)
        {
        }
    }

    /// <summary>An endpoint module whose name does not say so.</summary>
    internal sealed class RouteTable : IEndpointModule
    {
        public void AddRoutes(IEndpointRouteBuilder app)
        {
        }
    }

    /// <summary>An endpoint reaching past the application layer into a module's infrastructure.</summary>
    internal sealed class ReachesInfrastructureEndpoint : IEndpointModule
    {
        public void AddRoutes(IEndpointRouteBuilder app) => _ = typeof(Infrastructure.FakeStore).Name;
    }
}

namespace ModularAnalytics.Modules.Fake.Contracts
{
    public sealed record FakeDto(string Name);

    /// <summary>Contracts stand alone: not even another module's Contracts.</summary>
    public sealed record LeakyContract(ModularAnalytics.Modules.Other.Contracts.OtherDto Inner);
}

namespace ModularAnalytics.Modules.Other.Contracts
{
    public sealed record OtherDto(string Name);
}

namespace ModularAnalytics.Modules.Other.Domain
{
    public sealed record OtherEntity(string Name);
}

namespace ModularAnalytics.BuildingBlocks.Fake
{
    /// <summary>A building block that knows a module.</summary>
    public static class LeakyBlock
    {
        public static string Name() => typeof(ModularAnalytics.Modules.Fake.Domain.GoodEntity).Name;
    }
}
