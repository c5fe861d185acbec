using Lifeline.Storage.Database;
using Lifeline.Testing;

namespace Lifeline.Storage.Tests;

public class DataDirectoryTests
{
    [Fact]
    public void Opening_a_missing_directory_names_it()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "nowhere");

        var error = Assert.Throws<DataDirectoryException>(() => DataDirectory.Open(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_folder_without_a_database_names_the_database_file()
    {
        using var temp = new TempDirectory();

        var error = Assert.Throws<DataDirectoryException>(() => DataDirectory.Open(temp.Path));

        Assert.Contains(Path.Combine(temp.Path, "lifeline.db"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Initialising_twice_is_refused_and_keeps_the_first_key()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "data");
        var first = DataDirectory.Initialize(path, TimeProvider.System).ReadPublicKey();

        var error = Assert.Throws<DataDirectoryException>(() => DataDirectory.Initialize(path, TimeProvider.System));

        Assert.Contains("already initialised", error.Message, StringComparison.Ordinal);
        Assert.Equal(first.Base64, DataDirectory.Open(path).ReadPublicKey().Base64);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_signing_key_and_directory_are_readable_by_their_owner_only()
    {
        using var temp = new TempDirectory();
        var directory = DataDirectory.Initialize(Path.Combine(temp.Path, "data"), TimeProvider.System);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(directory.KeyPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory.Path));
    }

    [Fact]
    public void A_second_lock_on_a_locked_directory_is_refused_naming_the_lock_file()
    {
        using var temp = new TempDirectory();
        var directory = DataDirectory.Initialize(Path.Combine(temp.Path, "data"), TimeProvider.System);
        using var held = directory.Lock();

        var error = Assert.Throws<DataDirectoryException>(() => directory.Lock());

        Assert.Contains(directory.LockPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_from_a_newer_schema_is_refused_naming_the_file_and_versions()
    {
        using var temp = new TempDirectory();
        var directory = DataDirectory.Initialize(Path.Combine(temp.Path, "data"), TimeProvider.System);
        using (var session = StoreFixture.OpenSession(directory.DatabasePath))
        {
            session.Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01')");
        }

        var error = Assert.Throws<SchemaTooNewException>(() => directory.OpenStore(TimeProvider.System));

        Assert.Contains(directory.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_run_once_and_opening_again_changes_nothing()
    {
        using var temp = new TempDirectory();
        var directory = DataDirectory.Initialize(Path.Combine(temp.Path, "data"), TimeProvider.System);

        using (var store = directory.OpenStore(TimeProvider.System))
        {
            Assert.Equal(Migrations.Latest, store.Read(Migrations.CurrentVersion));
        }

        using var again = directory.OpenStore(TimeProvider.System);
        Assert.Equal(Migrations.All.Count, again.Read(s => s.Scalar<long>("SELECT count(*) FROM schema_migrations")));
    }
}
