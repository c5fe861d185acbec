using System.Security.Cryptography;
using System.Text;
using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Protection;

/// <summary>
/// Field-level encryption of personal data. Each person has a data key of their own (AES-256-GCM); it is
/// stored only wrapped by the wrapping key, which lives in a file outside the database. Equality search
/// uses blind indexes (HMAC-SHA-256) under a second, separate key. Deleting a person's data key makes
/// every field sealed for them unreadable, while the log that may carry those sealed fields still verifies.
/// </summary>
public sealed class PersonalData : IDisposable
{
    private const byte FormatVersion = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int KeyBytes = 32;

    private readonly byte[] _wrappingKey;
    private readonly byte[] _indexKey;

    private PersonalData(byte[] wrappingKey, byte[] indexKey)
    {
        _wrappingKey = wrappingKey;
        _indexKey = indexKey;
    }

    /// <summary>Loads both keys, creating either file (owner-only) when it does not exist yet.</summary>
    public static PersonalData Open(string wrappingKeyPath, string indexKeyPath) =>
        new(KeyFile.LoadOrCreate(wrappingKeyPath, KeyBytes), KeyFile.LoadOrCreate(indexKeyPath, KeyBytes));

    public static void Create(SqlSession session) => session.Execute("""
        CREATE TABLE person_keys (
            person_id   TEXT PRIMARY KEY,
            wrapped_key BLOB NOT NULL
        )
        """);

    /// <summary>Encrypts one field of one person, creating the person's data key on first use.</summary>
    /// <param name="session">Where the person's wrapped data key is kept.</param>
    /// <param name="personId">Whose key: a person, or a record whose personal data is erased as one.</param>
    /// <param name="field">The field's name, bound into the ciphertext: a value cannot be moved to another field.</param>
    /// <param name="value">The text to seal.</param>
    /// <param name="entropy">
    /// Null in service (the system's cryptographic generator). A seeded generator makes a new data key and the
    /// nonce reproducible, for the tests and benchmarks that record one scenario twice and compare the hashes.
    /// </param>
    public byte[] Seal(SqlSession session, Guid personId, string field, string value, Random? entropy = null)
    {
        var key = DataKey(session, personId) ?? NewDataKey(session, personId, entropy);
        try
        {
            var plain = Encoding.UTF8.GetBytes(value);
            var sealedValue = new byte[1 + NonceBytes + plain.Length + TagBytes];
            sealedValue[0] = FormatVersion;
            var nonce = sealedValue.AsSpan(1, NonceBytes);
            Fill(nonce, entropy);
            using var aes = new AesGcm(key, TagBytes);
            aes.Encrypt(nonce, plain, sealedValue.AsSpan(1 + NonceBytes, plain.Length), sealedValue.AsSpan(1 + NonceBytes + plain.Length), Context(personId, field));
            CryptographicOperations.ZeroMemory(plain);
            return sealedValue;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Decrypts a sealed field, or null once the person's key has been shredded.</summary>
    /// <exception cref="CryptographicException">The sealed value was altered, or belongs to another person or field.</exception>
    public string? Unseal(SqlSession session, Guid personId, string field, byte[] sealedValue)
    {
        if (sealedValue.Length < 1 + NonceBytes + TagBytes || sealedValue[0] != FormatVersion)
        {
            throw new CryptographicException("the sealed value is not in a format Lifeline knows");
        }

        var key = DataKey(session, personId);
        if (key is null)
        {
            return null;
        }

        try
        {
            var length = sealedValue.Length - 1 - NonceBytes - TagBytes;
            var plain = new byte[length];
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(sealedValue.AsSpan(1, NonceBytes), sealedValue.AsSpan(1 + NonceBytes, length), sealedValue.AsSpan(1 + NonceBytes + length), plain, Context(personId, field));
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The blind index of a value for equality search: equal values (after trimming and case folding) give
    /// equal indexes; without the index key an index reveals nothing. Indexes of different fields differ.
    /// </summary>
    public byte[] Index(string field, string value)
    {
        var normalized = value.Trim().Normalize(NormalizationForm.FormC).ToUpperInvariant();
        return HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes($"{field}\0{normalized}"));
    }

    /// <summary>
    /// Crypto-shredding: deletes the person's data key so that everything sealed for them is unreadable.
    /// On SQLite the row is overwritten on deletion (secure_delete) and the write-ahead log is truncated, so
    /// that the wrapped key survives in neither file; on PostgreSQL the table is rewritten without it.
    /// </summary>
    /// <returns>Whether the person had a key.</returns>
    public static bool Shred(LogStore store, Guid personId)
    {
        var deleted = store.WriteAside(session =>
        {
            if (!session.IsPostgres)
            {
                session.Execute("PRAGMA secure_delete = ON");
            }

            return session.Execute("DELETE FROM person_keys WHERE person_id = $person", ("$person", personId)) > 0;
        });
        store.PurgeDeleted("person_keys");
        return deleted;
    }

    /// <summary>
    /// Erases the personal data one log entry holds: deletes the keys its sealed values were sealed under
    /// (<see cref="SealedText"/>), as <see cref="Shred"/> does. The entry itself stays, and the log still verifies.
    /// </summary>
    /// <returns>The entry's type and the record keys deleted (none when the entry holds no sealed value, or they were erased before), or null when the log has no such entry.</returns>
    public static (string Type, IReadOnlyList<Guid> Erased)? EraseEntry(LogStore store, Guid logId, long sequence)
    {
        var entry = store.Read(session => LogReader.Entries(session, logId, sequence, 1).FirstOrDefault(e => e.Sequence == sequence));
        if (entry is null)
        {
            return null;
        }

        var erased = SealedText.KeysIn(entry.BodyText).Distinct().Where(key => Shred(store, key)).ToList();
        return (entry.Type, erased);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_wrappingKey);
        CryptographicOperations.ZeroMemory(_indexKey);
    }

    private static byte[] Context(Guid personId, string field) => Encoding.UTF8.GetBytes($"{personId:D}/{field}");

    private byte[]? DataKey(SqlSession session, Guid personId)
    {
        var wrapped = session.Scalar<byte[]>("SELECT wrapped_key FROM person_keys WHERE person_id = $person", ("$person", personId));
        if (wrapped is null)
        {
            return null;
        }

        var key = new byte[KeyBytes];
        using var aes = new AesGcm(_wrappingKey, TagBytes);
        aes.Decrypt(wrapped.AsSpan(0, NonceBytes), wrapped.AsSpan(NonceBytes, KeyBytes), wrapped.AsSpan(NonceBytes + KeyBytes), key, Context(personId, "data-key"));
        return key;
    }

    private static void Fill(Span<byte> bytes, Random? entropy)
    {
        if (entropy is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            entropy.NextBytes(bytes);
        }
    }

    private byte[] NewDataKey(SqlSession session, Guid personId, Random? entropy)
    {
        var key = new byte[KeyBytes];
        Fill(key, entropy);
        var wrapped = new byte[NonceBytes + KeyBytes + TagBytes];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceBytes));
        using var aes = new AesGcm(_wrappingKey, TagBytes);
        aes.Encrypt(wrapped.AsSpan(0, NonceBytes), key, wrapped.AsSpan(NonceBytes, KeyBytes), wrapped.AsSpan(NonceBytes + KeyBytes), Context(personId, "data-key"));
        session.Execute("INSERT INTO person_keys (person_id, wrapped_key) VALUES ($person, $key)", ("$person", personId), ("$key", wrapped));
        return key;
    }
}
