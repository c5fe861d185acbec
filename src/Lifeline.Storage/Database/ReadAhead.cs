using System.Collections.Concurrent;

namespace Lifeline.Storage.Database;

/// <summary>
/// Enumerates a source on a thread of its own, a chunk ahead of the consumer, so that reading rows from
/// SQLite and the work done on them (hashing, projecting) use two cores instead of taking turns on one.
/// </summary>
public static class ReadAhead
{
    public static IEnumerable<T> Pipelined<T>(this IEnumerable<T> source, int chunkSize = 1024, int chunksAhead = 8)
    {
        using var chunks = new BlockingCollection<T[]>(chunksAhead);
        Exception? failure = null;
        using var stop = new CancellationTokenSource();
        var producer = new Thread(() =>
        {
            try
            {
                var chunk = new List<T>(chunkSize);
                foreach (var item in source)
                {
                    chunk.Add(item);
                    if (chunk.Count == chunkSize)
                    {
                        chunks.Add([.. chunk], stop.Token);
                        chunk.Clear();
                    }
                }

                if (chunk.Count > 0)
                {
                    chunks.Add([.. chunk], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The consumer stopped early (a verification failure): nothing more is needed.
            }
            catch (Exception exception)
            {
                failure = exception;
            }
            finally
            {
                chunks.CompleteAdding();
            }
        })
        {
            IsBackground = true,
            Name = "lifeline-read-ahead",
        };
        producer.Start();
        try
        {
            foreach (var chunk in chunks.GetConsumingEnumerable())
            {
                foreach (var item in chunk)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            producer.Join();
        }

        if (failure is not null)
        {
            throw new InvalidOperationException("reading ahead failed: " + failure.Message, failure);
        }
    }
}
