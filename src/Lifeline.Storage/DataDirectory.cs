using Lifeline.Log.Signing;
using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage;

/// <summary>A data directory is missing, not initialised, already initialised, or in use.</summary>
public sealed class DataDirectoryException(string message) : Exception(message);

/// <summary>
/// The folder that holds one Lifeline installation: the server's signing key (owner-only) and either the
/// embedded SQLite database with a lock file that keeps a second writer out, or, when a database option names
/// one, a shared PostgreSQL database that several server processes write at once.
/// </summary>
public sealed class DataDirectory
{
    private DataDirectory(string path, string? database)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (database is not null)
        {
            // Read now, so that a malformed address is reported before anything is created.
            StoreDatabase parsed;
            try
            {
                parsed = StoreDatabase.Parse(database);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException)
            {
                throw new DataDirectoryException($"the database is not usable: {exception.Message}");
            }

            using var owned = parsed;
            Database = parsed is PostgresDatabase ? database : null;
            DatabasePath = parsed is SqliteDatabase file ? file.Path : System.IO.Path.Combine(Path, "lifeline.db");
        }
        else
        {
            DatabasePath = System.IO.Path.Combine(Path, "lifeline.db");
        }
    }

    public string Path { get; }

    /// <summary>The shared database's address (<c>postgres://…</c>), or null when the store is an SQLite file.</summary>
    public string? Database { get; }

    public bool IsShared => Database is not null;

    /// <summary>The SQLite file, when the store is not shared.</summary>
    public string DatabasePath { get; }

    public string KeyPath => System.IO.Path.Combine(Path, "server.key");

    public string LockPath => System.IO.Path.Combine(Path, "lifeline.lock");

    /// <summary>The file that names the shared database, written by <c>init --database</c> (owner-only: it may hold a password).</summary>
    public string DatabaseFile => System.IO.Path.Combine(Path, "database");

    /// <summary>The key that wraps every person's data key; kept out of the database so that a copy of the database alone reveals no personal data.</summary>
    public string PersonalDataKeyPath => System.IO.Path.Combine(Path, "personal-data.key");

    /// <summary>The key of the blind indexes, separate from the wrapping key.</summary>
    public string BlindIndexKeyPath => System.IO.Path.Combine(Path, "blind-index.key");

    /// <summary>The environment variable that names the shared database, over what the data directory records.</summary>
    public const string DatabaseVariable = "LIFELINE_DATABASE";

    public bool IsInitialized => File.Exists(KeyPath) && (IsShared || File.Exists(DatabasePath));

    /// <summary>How the database is named in messages; never contains a password.</summary>
    public string DatabaseDescription
    {
        get
        {
            using var database = OpenDatabase();
            return database.Description;
        }
    }

    /// <summary>
    /// Creates the folder (owner-only) and the signing key, and brings the database's schema up to date:
    /// a new SQLite file, or the shared database (which <c>init</c> migrates as its explicit step).
    /// </summary>
    /// <exception cref="DataDirectoryException">The folder already holds a Lifeline installation.</exception>
    public static DataDirectory Initialize(string path, TimeProvider clock, string? database = null)
    {
        var directory = new DataDirectory(path, database);
        if ((!directory.IsShared && File.Exists(directory.DatabasePath)) || File.Exists(directory.KeyPath))
        {
            throw new DataDirectoryException($"data directory {directory.Path} is already initialised (it holds lifeline.db or server.key); choose an empty folder");
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory.Path);
        }
        else
        {
            Directory.CreateDirectory(directory.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (directory.Database is { } shared)
        {
            File.WriteAllText(directory.DatabaseFile, shared + Environment.NewLine);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(directory.DatabaseFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        using (directory.Lock())
        {
            directory.Migrate(clock);
            using var store = new LogStore(directory.OpenDatabase(), ServerKey.CreateAt(directory.KeyPath), clock);
            using var personalData = directory.OpenPersonalData();
        }

        return directory;
    }

    /// <summary>
    /// Opens an initialised data directory on the database named by <paramref name="database"/>, else by
    /// <c>LIFELINE_DATABASE</c>, else by the directory's <c>database</c> file, else its embedded SQLite file.
    /// </summary>
    /// <exception cref="DataDirectoryException">The folder is missing or is not a Lifeline data directory.</exception>
    public static DataDirectory Open(string path, string? database = null)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetFullPath(path), "database");
        database ??= Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } configured ? configured
            : File.Exists(file) ? File.ReadAllText(file).Trim() : null;
        var directory = new DataDirectory(path, database);
        if (!Directory.Exists(directory.Path))
        {
            throw new DataDirectoryException($"data directory {directory.Path} does not exist; create it with 'lifeline init --data {path} --operation NAME'");
        }

        if (!directory.IsShared && !File.Exists(directory.DatabasePath))
        {
            throw new DataDirectoryException($"data directory {directory.Path} has no database {directory.DatabasePath}; create it with 'lifeline init'");
        }

        if (!File.Exists(directory.KeyPath))
        {
            throw new DataDirectoryException($"data directory {directory.Path} has no signing key {directory.KeyPath}");
        }

        return directory;
    }

    /// <summary>
    /// Takes the directory's write lock for as long as the returned handle lives. A shared database needs
    /// none: PostgreSQL keeps concurrent writers apart, in this process and in others.
    /// </summary>
    /// <exception cref="DataDirectoryException">Another process holds the lock.</exception>
    public IDisposable Lock()
    {
        if (IsShared)
        {
            return new MemoryStream();
        }

        try
        {
            return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new DataDirectoryException($"data directory {Path} is locked by another lifeline process ({LockPath}: {exception.Message}); stop that process first");
        }
    }

    public CheckpointPublicKey ReadPublicKey()
    {
        using var key = ServerKey.Load(KeyPath);
        return key.PublicKey;
    }

    /// <summary>A new handle on the directory's database; the caller (or the store it is given to) disposes it.</summary>
    public StoreDatabase OpenDatabase() => Database is null ? new SqliteDatabase(DatabasePath) : StoreDatabase.Parse(Database);

    /// <summary>
    /// Brings the database's schema up to date, and rebuilds from the log any projection built at another
    /// version; returns the schema versions applied (none when current).
    /// </summary>
    public IReadOnlyList<int> Migrate(TimeProvider clock)
    {
        using var database = OpenDatabase();
        using var session = database.Open();
        var applied = Migrations.Apply(session, database.Description, clock);
        Projections.ProjectionReplay.BringUpToDate(session, database, Projections.ProjectionSet.Default);
        return applied;
    }

    /// <summary>The personal-data keys; a directory initialised before they existed gets them now.</summary>
    public Protection.PersonalData OpenPersonalData() => Protection.PersonalData.Open(PersonalDataKeyPath, BlindIndexKeyPath);

    /// <summary>Opens the store for writing; the caller should hold <see cref="Lock"/>.</summary>
    public LogStore OpenStore(TimeProvider clock) => new(OpenDatabase(), ServerKey.Load(KeyPath), clock, personalData: OpenPersonalData());
}
