using Lifeline.Log.Signing;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage;

/// <summary>A data directory is missing, not initialised, already initialised, or in use.</summary>
public sealed class DataDirectoryException(string message) : Exception(message);

/// <summary>
/// The folder that holds one Lifeline installation: the SQLite database, the server's signing key
/// (owner-only) and a lock file that keeps a second writer out.
/// </summary>
public sealed class DataDirectory
{
    private DataDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "lifeline.db");

    public string KeyPath => System.IO.Path.Combine(Path, "server.key");

    public string LockPath => System.IO.Path.Combine(Path, "lifeline.lock");

    /// <summary>The key that wraps every person's data key; kept out of the database so that a copy of the database alone reveals no personal data.</summary>
    public string PersonalDataKeyPath => System.IO.Path.Combine(Path, "personal-data.key");

    /// <summary>The key of the blind indexes, separate from the wrapping key.</summary>
    public string BlindIndexKeyPath => System.IO.Path.Combine(Path, "blind-index.key");

    public bool IsInitialized => File.Exists(DatabasePath) && File.Exists(KeyPath);

    /// <summary>Creates the folder (owner-only), the signing key and an up-to-date database.</summary>
    /// <exception cref="DataDirectoryException">The folder already holds a Lifeline installation.</exception>
    public static DataDirectory Initialize(string path, TimeProvider clock)
    {
        var directory = new DataDirectory(path);
        if (File.Exists(directory.DatabasePath) || File.Exists(directory.KeyPath))
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

        using (directory.Lock())
        {
            using var store = new LogStore(directory.DatabasePath, ServerKey.CreateAt(directory.KeyPath), clock);
            using var personalData = directory.OpenPersonalData();
        }

        return directory;
    }

    /// <summary>Opens an initialised data directory.</summary>
    /// <exception cref="DataDirectoryException">The folder is missing or is not a Lifeline data directory.</exception>
    public static DataDirectory Open(string path)
    {
        var directory = new DataDirectory(path);
        if (!Directory.Exists(directory.Path))
        {
            throw new DataDirectoryException($"data directory {directory.Path} does not exist; create it with 'lifeline init --data {path} --operation NAME'");
        }

        if (!File.Exists(directory.DatabasePath))
        {
            throw new DataDirectoryException($"data directory {directory.Path} has no database {directory.DatabasePath}; create it with 'lifeline init'");
        }

        if (!File.Exists(directory.KeyPath))
        {
            throw new DataDirectoryException($"data directory {directory.Path} has no signing key {directory.KeyPath}");
        }

        return directory;
    }

    /// <summary>Takes the directory's write lock for as long as the returned handle lives.</summary>
    /// <exception cref="DataDirectoryException">Another process holds the lock.</exception>
    public IDisposable Lock()
    {
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

    /// <summary>The personal-data keys; a directory initialised before they existed gets them now.</summary>
    public Protection.PersonalData OpenPersonalData() => Protection.PersonalData.Open(PersonalDataKeyPath, BlindIndexKeyPath);

    /// <summary>Opens the store for writing; the caller should hold <see cref="Lock"/>.</summary>
    public LogStore OpenStore(TimeProvider clock) => new(DatabasePath, ServerKey.Load(KeyPath), clock);
}
