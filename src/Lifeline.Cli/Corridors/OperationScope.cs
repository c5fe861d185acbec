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

    /// <summary>A site of this operation by name or id.</summary>
    /// <exception cref="UsageException">No such site; the message names <paramref name="option"/>.</exception>
    public Domain.Sites.Site Site(string text, string option) => Store.Read(session => Guid.TryParse(text, out var id)
            ? Storage.Sites.SitesProjection.Find(session, Operation.Id, new SiteId(id))
            : Storage.Sites.SitesProjection.FindByName(session, Operation.Id, text))
        ?? throw new UsageException($"{option}: no site '{text}' in operation '{Operation.Name}'");

    /// <summary>A commodity of this operation by code or id.</summary>
    /// <exception cref="UsageException">No such commodity; the message names <paramref name="option"/>.</exception>
    public Domain.Commodities.Commodity Commodity(string text, string option) => Store.Read(session => Guid.TryParse(text, out var id)
            ? Storage.Commodities.CommoditiesProjection.Find(session, Operation.Id, new CommodityId(id))
            : Storage.Commodities.CommoditiesProjection.FindByCode(session, Operation.Id, text.ToUpperInvariant()))
        ?? throw new UsageException($"{option}: no commodity with code '{text}' in operation '{Operation.Name}'");

    /// <summary>Turns rejections of a command's own fields into a usage error naming them as options.</summary>
    public static UsageException Invalid(Validation validation) =>
        new(string.Join("; ", validation.Rejections.Select(r => $"--{r.Field}: {r.Reason}")));

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
