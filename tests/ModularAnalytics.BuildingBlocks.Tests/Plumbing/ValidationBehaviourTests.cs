using FluentValidation;
using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Behaviours;

namespace ModularAnalytics.BuildingBlocks.Tests.Plumbing;

public sealed class ValidationBehaviourTests
{
    public sealed record Rename(string Name, int Version) : IRequest<Unit>;

    private sealed class NameRules : AbstractValidator<Rename>
    {
        public NameRules()
        {
            RuleFor(r => r.Name).NotEmpty();
            RuleFor(r => r.Name).MaximumLength(3);
        }
    }

    private sealed class VersionRules : AbstractValidator<Rename>
    {
        public VersionRules() => RuleFor(r => r.Version).GreaterThan(0);
    }

    [Fact]
    public async Task Every_failure_of_every_validator_is_reported_and_the_handler_is_not_called()
    {
        var behaviour = new ValidationBehaviour<Rename, Unit>([new NameRules(), new VersionRules()]);
        var called = false;

        var error = await Assert.ThrowsAsync<ValidationException>(() => behaviour.Handle(new Rename(string.Empty, 0), CancellationToken.None, () =>
        {
            called = true;
            return Task.FromResult(Unit.Value);
        }));

        Assert.False(called);
        Assert.Equal(["Name", "Version"], error.Errors.Select(e => e.PropertyName).Order());
    }

    [Fact]
    public async Task A_valid_request_reaches_the_handler()
    {
        var behaviour = new ValidationBehaviour<Rename, Unit>([new NameRules(), new VersionRules()]);

        var result = await behaviour.Handle(new Rename("abc", 1), CancellationToken.None, () => Task.FromResult(Unit.Value));

        Assert.Equal(Unit.Value, result);
    }
}
