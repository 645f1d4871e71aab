using MediatR;

namespace ModularAnalytics.BuildingBlocks.Application.Messaging;

/// <summary>A request that changes state.</summary>
public interface ICommand<out TResult> : IRequest<TResult>;

/// <summary>A command with no result.</summary>
public interface ICommand : ICommand<Unit>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;

public interface ICommandHandler<in TCommand, TResult> : IRequestHandler<TCommand, TResult>
    where TCommand : ICommand<TResult>;

public interface ICommandHandler<in TCommand> : IRequestHandler<TCommand, Unit>
    where TCommand : ICommand;

public interface IQueryHandler<in TQuery, TResult> : IRequestHandler<TQuery, TResult>
    where TQuery : IQuery<TResult>;
