using System.Collections.Concurrent;
using FluentValidation;
using MediatR;
using ModularAnalytics.BuildingBlocks.Application.Messaging;

namespace ModularAnalytics.BuildingBlocks.Tests.Scheduling;

public sealed record RecordRun(string Label) : ICommand;

/// <summary>What ran where: one per host, so a clustered test can tell the nodes apart.</summary>
public sealed class RunLog(string node)
{
    private readonly ConcurrentQueue<(string Label, string Node, DateTimeOffset At)> _runs = new();

    public string Node { get; } = node;

    public IReadOnlyList<(string Label, string Node, DateTimeOffset At)> Runs => _runs.ToList();

    public void Add(string label) => _runs.Enqueue((label, Node, DateTimeOffset.UtcNow));

    public int Count(string label) => _runs.Count(r => r.Label == label);
}

internal sealed class RecordRunHandler(RunLog log) : ICommandHandler<RecordRun>
{
    public Task<Unit> Handle(RecordRun request, CancellationToken cancellationToken)
    {
        log.Add(request.Label);
        return Task.FromResult(Unit.Value);
    }
}

internal sealed class RecordRunValidator : AbstractValidator<RecordRun>
{
    public RecordRunValidator() => RuleFor(r => r.Label).NotEmpty();
}
