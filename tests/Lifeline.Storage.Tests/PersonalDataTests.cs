using System.Security.Cryptography;
using System.Text;
using Lifeline.Storage.Protection;
using Lifeline.Storage.Verification;
using Lifeline.Testing;

namespace Lifeline.Storage.Tests;

/// <summary>Field-level encryption of personal data on a real SQLite file: nothing readable on disk, and shredding erases.</summary>
public sealed class PersonalDataTests : IDisposable
{
    private const string Canary = "Zaynab Canary-Qasr 7f3e9b";

    private readonly StoreFixture _fixture = new();
    private readonly PersonalData _personalData;

    public PersonalDataTests()
    {
        _personalData = _fixture.Directory.OpenPersonalData();
        _fixture.NewOperation();
        // Stands in for the registration projection to come: sealed fields and blind indexes, never clear text.
        _fixture.Store.WriteAside(session => session.Execute("CREATE TABLE people (person_id TEXT PRIMARY KEY, name BLOB NOT NULL, name_index BLOB NOT NULL)"));
    }

    public void Dispose()
    {
        _personalData.Dispose();
        _fixture.Dispose();
    }

    private void Register(Guid person, string name) => _fixture.Store.WriteAside(session => session.Execute(
        "INSERT INTO people (person_id, name, name_index) VALUES ($person, $name, $index)",
        ("$person", person),
        ("$name", _personalData.Seal(session, person, "name", name)),
        ("$index", _personalData.Index("name", name))));

    private string? NameOf(Guid person) => _fixture.Store.Read(session =>
        _personalData.Unseal(session, person, "name", session.Scalar<byte[]>("SELECT name FROM people WHERE person_id = $person", ("$person", person))!));

    private Guid? FindByName(string name) => _fixture.Store.Read(session =>
        session.Scalar<string>("SELECT person_id FROM people WHERE name_index = $index", ("$index", _personalData.Index("name", name)))) is { } id ? Guid.Parse(id) : null;

    /// <summary>The raw bytes of the database file and its write-ahead log, as anyone who copies them would see them.</summary>
    private byte[] RawFiles()
    {
        var database = _fixture.Directory.DatabasePath;
        var wal = database + "-wal";
        return [.. File.ReadAllBytes(database), .. File.Exists(wal) ? File.ReadAllBytes(wal) : []];
    }

    [Fact]
    public void A_canary_name_sealed_into_the_database_appears_in_neither_the_file_nor_its_write_ahead_log()
    {
        var person = Guid.CreateVersion7();
        Register(person, Canary);

        var raw = RawFiles();

        Assert.Equal(Canary, NameOf(person));
        Assert.Equal(person, FindByName("  zaynab canary-qasr 7F3E9B "));
        Assert.True(raw.AsSpan().IndexOf("Aleppo 2016"u8) >= 0, "the scan sees clear text that is stored in clear");
        Assert.True(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Canary)) < 0, "the canary name is on disk in clear text");
        Assert.True(raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Canary.ToUpperInvariant())) < 0, "the canary's normalized form is on disk in clear text");
    }

    [Fact]
    public void Shredding_a_persons_key_makes_their_data_unreadable_while_the_log_still_verifies()
    {
        var shredded = Guid.CreateVersion7();
        var kept = Guid.CreateVersion7();
        Register(shredded, Canary);
        Register(kept, "Another Person");
        var wrappedKey = _fixture.Store.Read(session => session.Scalar<byte[]>("SELECT wrapped_key FROM person_keys WHERE person_id = $person", ("$person", shredded)))!;
        Assert.True(RawFiles().AsSpan().IndexOf(wrappedKey) >= 0, "the wrapped key is on disk before shredding");

        Assert.True(PersonalData.Shred(_fixture.Store, shredded));

        Assert.Null(NameOf(shredded));
        Assert.Equal("Another Person", NameOf(kept));
        Assert.True(RawFiles().AsSpan().IndexOf(wrappedKey) < 0, "the wrapped key survives on disk after shredding");
        Assert.True(StoreVerification.Run(_fixture.Directory.DatabasePath, _fixture.Store.PublicKey).Succeeded);
    }

    [Fact]
    public void A_sealed_field_moved_to_another_person_or_field_does_not_open()
    {
        var person = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        Register(other, "Someone Else");
        var sealedName = _fixture.Store.WriteAside(session => _personalData.Seal(session, person, "name", Canary));

        _fixture.Store.Read(session =>
        {
            Assert.Throws<AuthenticationTagMismatchException>(() => _personalData.Unseal(session, person, "address", sealedName));
            Assert.Throws<AuthenticationTagMismatchException>(() => _personalData.Unseal(session, other, "name", sealedName));
            return 0;
        });
    }

    [Fact]
    public void Blind_indexes_differ_by_field_and_by_key()
    {
        using var elsewhere = new TempDirectory();
        using var otherKeys = PersonalData.Open(elsewhere.File("wrap.key"), elsewhere.File("index.key"));

        Assert.Equal(_personalData.Index("name", Canary), _personalData.Index("name", Canary.ToLowerInvariant()));
        Assert.NotEqual(_personalData.Index("name", Canary), _personalData.Index("father_name", Canary));
        Assert.NotEqual(_personalData.Index("name", Canary), otherKeys.Index("name", Canary));
    }
}
