using System.Collections.Concurrent;
using Lifeline.Storage.Database;

namespace Lifeline.Storage.Writing;

/// <summary>
/// Connections for queries, apart from the writer's, kept with their prepared statements: every API request
/// reads its caller's token and grants before it does anything, and opening a connection and preparing those
/// statements afresh each time cost more than the reads themselves.
/// </summary>
internal sealed class ReadSessions(StoreDatabase database) : IDisposable
{
    /// <summary>Sessions kept for reuse; more concurrent readers than this open and close their own.</summary>
    private const int MaxPooled = 16;

    private readonly ConcurrentBag<SqlSession> _pool = [];

    public T Read<T>(Func<SqlSession, T> query)
    {
        var fresh = !_pool.TryTake(out var session);
        session ??= database.Open();
        T result;
        try
        {
            result = query(session);
        }
        catch when (!fresh && session.IsBroken)
        {
            // A kept connection that the database dropped (it restarted): the query is read again on a new one.
            session.Dispose();
            return Read(query);
        }
        catch
        {
            // A session that failed mid-query may hold a broken statement or transaction: it is not reused.
            session.Dispose();
            throw;
        }

        if (session.Transaction is null && _pool.Count < MaxPooled)
        {
            _pool.Add(session);
        }
        else
        {
            session.Dispose();
        }

        return result;
    }

    public void Dispose()
    {
        while (_pool.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}
