using System.CommandLine;
using Lifeline.Cli.Setup;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Storage;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Corridors;

/// <summary>The data directory and operation a command works on, opened with the directory's write lock.</summary>
public sealed class OperationScope : IDisposable
{
    private readonly IDisposable _lock;

    private OperationScope(IDisposable held, LogStore store, Operation operation)
    {
        _lock = held;
        Store = store;
        Operation = operation;
    }

    public LogStore Store { get; }

    public Operation Operation { get; }

    public static Option<string?> OperationOption() => new("--operation")
    {
        Description = "The operation, by name or id (default: the only operation in the data directory)",
    };

    /// <exception cref="UsageException">The operation is not named and the directory holds several, or none matches.</exception>
    public static OperationScope Open(string data, string? operation, TimeProvider clock)
    {
        var directory = DataDirectory.Open(data);
        var held = directory.Lock();
        try
        {
            var store = directory.OpenStore(clock);
            var found = store.Read(session => Find(session, operation));
            if (found is null)
            {
                store.Dispose();
                throw new UsageException(operation is null
                    ? "--operation: the data directory holds no operation, or several; name one"
                    : $"--operation: no operation '{operation}' in {directory.Path}");
            }

            return new OperationScope(held, store, found);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        _lock.Dispose();
    }

    /// <summary>The operation named by name or id, or the only one when none is named.</summary>
    public static Operation? Find(SqlSession session, string? text)
    {
        if (text is null)
        {
            var all = OperationsProjection.List(session);
            return all.Count == 1 ? all[0] : null;
        }

        return Guid.TryParse(text, out var id) ? OperationsProjection.Find(session, new OperationId(id)) : OperationsProjection.FindByName(session, text);
    }
}
