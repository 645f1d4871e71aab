using System.ComponentModel;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ModularAnalytics.BuildingBlocks.Domain;
using ModularAnalytics.Modules.Fake.Application;

namespace ModularAnalytics.Modules.Fake.Domain;

/// <summary>Compliant: its own layer, the domain building block and the BCL only, in signatures, bodies and an async method.</summary>
public sealed class GoodEntity
{
    private readonly List<GoodValue> _values = [];

    public void Add(GoodValue value)
    {
        if (value.Amount < 0)
        {
            throw new DomainException("amount", "must not be negative");
        }

        _values.Add(value);
    }

    public async Task<int> CountPositiveAsync()
    {
        await Task.Yield();
        return _values.Count(v => v.Amount > 0);
    }
}

public sealed record GoodValue(int Amount);

/// <summary>EF Core inside a method body only, nowhere in a signature.</summary>
public sealed class BodyOnlyEntity
{
    public bool Describe() => new DbContextOptionsBuilder().IsConfigured;
}

/// <summary>EF Core inside an async method: the use sits in the compiler's state machine.</summary>
public sealed class AsyncEntity
{
    public async Task<bool> LoadAsync()
    {
        await Task.Yield();
        return new DbContextOptionsBuilder().IsConfigured;
    }
}

/// <summary>MediatR inside a lambda: the use sits in a compiler-generated closure class.</summary>
public sealed class LambdaEntity
{
    public Func<object> Factory() => () => Unit.Value;
}

/// <summary>ASP.NET Core only as the type argument of a generic method call.</summary>
public sealed class GenericArgumentEntity
{
    public int Count(IEnumerable<object> items) => items.OfType<IResult>().Count();
}

/// <summary>EF Core as an attribute.</summary>
[Keyless]
public sealed class KeylessEntity;

/// <summary>ASP.NET Core as a type named in an attribute argument.</summary>
[TypeConverter(typeof(HttpContext))]
public sealed class TypeConverterEntity;

/// <summary>The domain reaching up into the application layer.</summary>
public sealed class ReachesUpEntity
{
    public string Name() => typeof(GoodCommand).Name;
}
