using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModularAnalytics.BuildingBlocks.Application.Messaging;
using ModularAnalytics.BuildingBlocks.Infrastructure.Persistence;
using ModularAnalytics.Modules.Fake.Infrastructure;
using ModularAnalytics.Modules.Other.Contracts;
using ModularAnalytics.Modules.Other.Domain;

namespace ModularAnalytics.Modules.Fake.Application;

/// <summary>Compliant command: a positional record.</summary>
public sealed record GoodCommand(string Name) : ICommand;

/// <summary>Compliant query: init-only and get-only properties.</summary>
public sealed class InitOnlyQuery : IQuery<int>
{
    public string Name { get; init; } = string.Empty;

    public string Upper => Name.ToUpperInvariant();

    public string Secret { get; private set; } = string.Empty;

    public void Reset() => Secret = string.Empty;
}

/// <summary>Mutable: a public setter and a writable public field.</summary>
public sealed class MutableCommand : IRequest<Unit>
{
    public string Name { get; set; } = string.Empty;

#pragma warning disable CA1051 // the point of this fixture
    public int Count;
#pragma warning restore CA1051
}

/// <summary>A record is not immutable by being a record: one settable property.</summary>
public sealed record MutableRecordCommand(int Id) : ICommand
{
    public int Retries { get; set; }
}

internal sealed class GoodCommandHandler : ICommandHandler<GoodCommand>
{
    public Task<Unit> Handle(GoodCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

public sealed class PublicCommandHandler : IRequestHandler<MutableCommand, Unit>
{
    public Task<Unit> Handle(MutableCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

/// <summary>Declared public but nested in an internal type, so not visible outside the assembly: compliant.</summary>
internal static class HandlerContainer
{
    public sealed class NestedHandler : IRequestHandler<MutableRecordCommand, Unit>
    {
        public Task<Unit> Handle(MutableRecordCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
    }
}

internal sealed class GoodCommandValidator : AbstractValidator<GoodCommand>
{
    public GoodCommandValidator() => RuleFor(c => c.Name).NotEmpty();
}

public sealed class PublicValidator : AbstractValidator<MutableCommand>;

/// <summary>A public abstract base is fine; what derives from it publicly is not.</summary>
public abstract class ValidatorBase<T> : AbstractValidator<T>;

public sealed class DerivedPublicValidator : ValidatorBase<GoodCommand>;

public sealed class ReachesInfrastructure
{
    public string Name() => typeof(FakeStore).Name;
}

/// <summary>EF Core inside a capturing lambda (a display class).</summary>
public sealed class LambdaEfService
{
    public Func<bool> Check(bool flag) => () => flag && new DbContextOptionsBuilder().IsConfigured;
}

public sealed class UsesRelationalStore
{
    public RelationalProvider Provider(RelationalStore store) => store.Provider;
}

/// <summary>Another module's Contracts are fine; its Domain is not.</summary>
public sealed class CrossModuleService
{
    public string Allowed(OtherDto dto) => dto.Name;

    public string Forbidden() => new OtherEntity("x").Name;
}

/// <summary>Looks a service up in the container instead of taking it in its constructor.</summary>
public sealed class ResolvesFromContainer(IServiceProvider services)
{
    public object? Command() => services.GetService(typeof(GoodCommand));
}

/// <summary>Opens container scopes itself.</summary>
public sealed class OpensScopes(IServiceScopeFactory scopes)
{
    public void Run()
    {
        using var scope = scopes.CreateScope();
    }
}

/// <summary>A handler whose name does not say so.</summary>
internal sealed class GoodCommandProcessor : ICommandHandler<GoodCommand>
{
    public Task<Unit> Handle(GoodCommand request, CancellationToken cancellationToken) => Task.FromResult(Unit.Value);
}

/// <summary>A validator whose name does not say so.</summary>
internal sealed class GoodCommandRules : AbstractValidator<GoodCommand>;

/// <summary>Compliant configuration: it names its section and is called options.</summary>
public sealed record FakeOptions
{
    public const string Section = "Fake";

    public int Limit { get; init; }
}

/// <summary>Configuration by its name, but not called options.</summary>
public sealed record FakeSettings(int Limit);

/// <summary>Configuration by the section it names, but not called options.</summary>
public sealed record RetryPolicy
{
    public const string Section = "Retry";

    public int Attempts { get; init; }
}
