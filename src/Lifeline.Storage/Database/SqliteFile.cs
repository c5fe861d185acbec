using Microsoft.Data.Sqlite;

namespace Lifeline.Storage.Database;

/// <summary>Opens Lifeline's SQLite file with the settings every connection needs.</summary>
public static class SqliteFile
{
    public static string ConnectionString(string path, bool readOnly = false) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// WAL lets readers work while one writer appends; synchronous=FULL makes each commit durable across a
    /// power cut, which a receipt promises. A 64 MiB page cache and memory-mapped reads keep the log's and
    /// projections' index pages in memory when a log grows to millions of entries.
    /// </summary>
    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        var connection = new SqliteConnection(ConnectionString(path, readOnly));
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = readOnly
            ? "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;"
            : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824;";
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
