using Lifeline.Storage.Database;
using Npgsql;

namespace Lifeline.Storage.Tests;

public class StoreDatabaseTests
{
    [Fact]
    public void A_postgres_url_becomes_a_connection_string_with_its_user_password_host_port_database_and_parameters()
    {
        using var database = Assert.IsType<PostgresDatabase>(StoreDatabase.Parse("postgres://relief%40ops:s3cr%3At@db.example.org:6543/aleppo?SSL%20Mode=Require&Timeout=7"));
        var built = new NpgsqlConnectionStringBuilder(database.ConnectionString);

        Assert.Equal("relief@ops", built.Username);
        Assert.Equal("s3cr:t", built.Password);
        Assert.Equal("db.example.org", built.Host);
        Assert.Equal(6543, built.Port);
        Assert.Equal("aleppo", built.Database);
        Assert.Equal(SslMode.Require, built.SslMode);
        Assert.Equal(7, built.Timeout);
        Assert.DoesNotContain("s3cr", database.Description, StringComparison.Ordinal);
        Assert.Equal("postgres://relief@ops@db.example.org:6543/aleppo", database.Description);
    }

    [Fact]
    public void Sqlite_addresses_and_plain_paths_name_a_file()
    {
        using var prefixed = Assert.IsType<SqliteDatabase>(StoreDatabase.Parse("sqlite:/var/lib/lifeline/lifeline.db"));
        using var plain = Assert.IsType<SqliteDatabase>(StoreDatabase.Parse("lifeline.db"));

        Assert.Equal("/var/lib/lifeline/lifeline.db", prefixed.Path);
        Assert.Equal(Path.GetFullPath("lifeline.db"), plain.Path);
    }

    [Theory]
    [InlineData("mysql://user:hidden@host/db")]
    [InlineData("sqlite:")]
    [InlineData("postgres://")]
    public void Other_addresses_are_refused_without_echoing_a_password(string address)
    {
        var refused = Assert.Throws<FormatException>(() => StoreDatabase.Parse(address).Dispose());

        Assert.DoesNotContain("hidden", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_url_parameter_is_named()
    {
        var refused = Assert.Throws<FormatException>(() => StoreDatabase.Parse("postgres://u@h/db?Colour=blue").Dispose());

        Assert.Contains("'Colour'", refused.Message, StringComparison.Ordinal);
    }
}
