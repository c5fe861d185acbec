using System.Globalization;
using Npgsql;

namespace Lifeline.Storage.Database;

/// <summary>
/// Where a store's tables live: the embedded SQLite file (the default, one coordinator's laptop or a small
/// server) or a PostgreSQL database shared by several server processes and agencies.
/// </summary>
public abstract class StoreDatabase : IDisposable
{
    /// <summary>How the database is named in messages; never contains a password.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// Whether opening a store brings the schema up to date. The embedded file migrates itself; a shared
    /// server is migrated by an explicit <c>lifeline migrate</c>, so that no server process changes the schema
    /// under the others.
    /// </summary>
    public abstract bool MigratesOnOpen { get; }

    /// <summary>Opens a session on a connection of its own, which the session closes when disposed.</summary>
    public abstract SqlSession Open(bool readOnly = false);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>
    /// Reads a database option: <c>postgres://user:password@host:port/database?param=value</c> (or
    /// <c>postgresql://</c>), an Npgsql connection string (<c>Host=…;Database=…</c>), <c>sqlite:PATH</c>, or a
    /// plain file path.
    /// </summary>
    /// <exception cref="FormatException">The value is neither; the message says why.</exception>
    public static StoreDatabase Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return PostgresDatabase.FromUrl(value);
        }

        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase) && value.Contains(';', StringComparison.Ordinal))
        {
            // An Npgsql connection string, as server configuration usually holds one.
            return new PostgresDatabase(value);
        }

        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            value = value["sqlite:".Length..];
        }

        if (value.Length == 0 || value.Contains("://", StringComparison.Ordinal))
        {
            throw new FormatException($"'{Redact(value)}' is not a database: use postgres://user:password@host:port/database or sqlite:PATH");
        }

        return new SqliteDatabase(value);
    }

    private static string Redact(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? value : "…" + value[at..];
    }
}

/// <summary>Lifeline's embedded default: one SQLite file in WAL mode.</summary>
public sealed class SqliteDatabase(string path) : StoreDatabase
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public override string Description => Path;

    public override bool MigratesOnOpen => true;

    public override SqlSession Open(bool readOnly = false) => new(SqliteFile.Open(Path, readOnly), ownsConnection: true);
}

/// <summary>A PostgreSQL database (or a PostgreSQL-compatible distributed engine) reached through Npgsql.</summary>
public sealed class PostgresDatabase : StoreDatabase
{
    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // Every statement Lifeline runs is one of a fixed set: let Npgsql prepare them on the server.
            MaxAutoPrepare = 256,
            AutoPrepareMinUsages = 2,
        };
        ConnectionString = builder.ConnectionString;
        Description = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}" +
            (builder.SearchPath is { Length: > 0 } schema ? $" (schema {schema})" : string.Empty);
        _source = NpgsqlDataSource.Create(ConnectionString);
    }

    public string ConnectionString { get; }

    public override string Description { get; }

    public override bool MigratesOnOpen => false;

    public override SqlSession Open(bool readOnly = false) => new(_source.OpenConnection(), ownsConnection: true);

    public override void Dispose()
    {
        _source.Dispose();
        base.Dispose();
    }

    /// <summary>Turns a <c>postgres://</c> URL into an Npgsql connection string; query parameters are Npgsql keywords.</summary>
    /// <exception cref="FormatException">The URL cannot be read; the message names the part.</exception>
    public static PostgresDatabase FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new FormatException("the PostgreSQL URL must look like postgres://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "true" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[key] = value;
            }
            catch (ArgumentException exception)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the PostgreSQL URL's parameter '{key}' is not understood: {exception.Message}"), exception);
            }
        }

        return new PostgresDatabase(builder.ConnectionString);
    }
}
