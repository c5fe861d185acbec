using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Chain;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Database;
using Lifeline.Storage.Incidents;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Stock;
using Lifeline.Storage.Zones;

namespace Lifeline.Storage.Writing;

/// <summary>
/// What a state loader reads with: the write transaction's session, where what it reads cannot change under
/// the decision, and the store's clock and entropy, for the ids a decider mints (seeded, a scenario recorded
/// twice mints the same ids). A loader that reads an entity the decision may append to reads that stream's
/// version too (<see cref="StreamVersion"/>): the append then expects exactly that version, as an EventStore
/// client's append does, and another writer's entry in between is a <see cref="StreamVersionConflict"/> that
/// decides the command again.
/// </summary>
public sealed class WriteContext(SqlSession session, TimeProvider clock, Random? entropy)
{
    private readonly Dictionary<(Guid Log, string Stream), long> _read = [];

    public SqlSession Session => session;

    public TimeProvider Clock => clock;

    public Random? Entropy => entropy;

    /// <summary>A new UUID v7 for something the decision creates.</summary>
    public Guid NewId() => UuidV7.Create(clock.GetUtcNow(), entropy);

    /// <summary>
    /// The version <paramref name="stream"/> of <paramref name="operation"/>'s log has now (0: no entry yet),
    /// remembered as the version the decision's appends to the stream expect.
    /// </summary>
    public long StreamVersion(OperationId operation, string stream)
    {
        var version = session.Scalar<long>(
            "SELECT coalesce(max(stream_version), 0) FROM log_entries WHERE operation_id = $op AND stream = $stream",
            ("$op", operation.Value),
            ("$stream", stream));
        _read[(operation.Value, stream)] = version;
        return version;
    }

    /// <summary>The version of <paramref name="stream"/> the loader read, if it read one.</summary>
    internal bool Read(Guid log, string stream, out long version) => _read.TryGetValue((log, stream), out version);
}

/// <summary>
/// The one table from a command to its decision: each command type is paired with a handler that loads the
/// state its pure decider needs (inside the write transaction, from the command's own operation only) and
/// calls the decider. Server, command line, web forms, imports and the demo hand the store a command; none of
/// them reads state for a write. Each feature adds its handlers with one <c>AddX</c> in its own folder.
/// </summary>
public sealed class CommandHandlers
{
    private readonly Dictionary<Type, Func<WriteContext, IOperationCommand, Decision>> _handlers = [];

    /// <summary>Every handler Lifeline has, feature by feature.</summary>
    public static CommandHandlers Lifeline { get; } = new CommandHandlers()
        .AddOperations()
        .AddSites()
        .AddZones()
        .AddCommodities()
        .AddCorridors()
        .AddPassages()
        .AddStock()
        .AddMovements()
        .AddIncidents();

    /// <summary>The command types this table decides.</summary>
    public IReadOnlyCollection<Type> Commands => _handlers.Keys;

    /// <summary>Pairs <typeparamref name="TCommand"/> with its handler.</summary>
    /// <exception cref="InvalidOperationException">The command type already has a handler.</exception>
    public CommandHandlers On<TCommand>(Func<WriteContext, TCommand, Decision> handle)
        where TCommand : IOperationCommand
    {
        if (!_handlers.TryAdd(typeof(TCommand), (context, command) => handle(context, (TCommand)command)))
        {
            throw new InvalidOperationException($"{typeof(TCommand).Name} already has a handler");
        }

        return this;
    }

    /// <summary>A copy of this table to which a test or a benchmark may add its own commands.</summary>
    public CommandHandlers Copy()
    {
        var copy = new CommandHandlers();
        foreach (var (type, handle) in _handlers)
        {
            copy._handlers.Add(type, handle);
        }

        return copy;
    }

    /// <summary>Loads the state <paramref name="command"/> needs and decides it.</summary>
    /// <exception cref="InvalidOperationException">No feature registered a handler for the command's type.</exception>
    public Decision Decide(WriteContext context, IOperationCommand command) =>
        _handlers.TryGetValue(command.GetType(), out var handle)
            ? handle(context, command)
            : throw new InvalidOperationException($"{command.GetType().Name} has no handler: register it in its feature's Add… method in Lifeline.Storage");
}
