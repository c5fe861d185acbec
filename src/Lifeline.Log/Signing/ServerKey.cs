using System.Security.Cryptography;
using NSec.Cryptography;

namespace Lifeline.Log.Signing;

/// <summary>
/// The recording server's Ed25519 key. The private half stays in the data directory, readable by its owner
/// only; the public half is what partners use to check checkpoints.
/// </summary>
public sealed class ServerKey : IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private ServerKey(Key key)
    {
        _key = key;
        PublicKey = new CheckpointPublicKey(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public CheckpointPublicKey PublicKey { get; }

    /// <summary>Creates a new key and writes it to <paramref name="path"/> with owner-only permissions.</summary>
    /// <exception cref="IOException">The file already exists: a server key is never overwritten.</exception>
    public static ServerKey CreateAt(string path)
    {
        var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextArchiving });
        var blob = key.Export(KeyBlobFormat.PkixPrivateKeyText);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(blob);
        }

        CryptographicOperations.ZeroMemory(blob);
        return new ServerKey(key);
    }

    /// <summary>A key that lives in memory only: for tests and benchmarks, never for a real operation.</summary>
    public static ServerKey CreateEphemeral() => new(Key.Create(Algorithm));

    /// <summary>Reads the key written by <see cref="CreateAt"/>.</summary>
    /// <exception cref="InvalidDataException">The file does not hold an Ed25519 private key.</exception>
    public static ServerKey Load(string path)
    {
        var blob = File.ReadAllBytes(path);
        try
        {
            if (!Key.TryImport(Algorithm, blob, KeyBlobFormat.PkixPrivateKeyText, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None }) || key is null)
            {
                throw new InvalidDataException($"{path} does not hold an Ed25519 private key in PKIX text form");
            }

            return new ServerKey(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(blob);
        }
    }

    public Checkpoint Sign(Guid logId, long sequence, byte[] headHash, DateTimeOffset signedAt)
    {
        var signature = Algorithm.Sign(_key, Checkpoint.SignedBytes(logId, sequence, headHash, signedAt));
        return new Checkpoint(logId, sequence, headHash, signedAt, PublicKey.KeyId, signature);
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>An Ed25519 public key that checks checkpoints, printable as base64 with a short key id.</summary>
public sealed class CheckpointPublicKey
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _key;

    public CheckpointPublicKey(byte[] raw)
    {
        if (!PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            throw new FormatException("an Ed25519 public key is 32 bytes");
        }

        _key = key;
        Raw = raw;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(raw).AsSpan(0, 8));
    }

    public byte[] Raw { get; }

    /// <summary>The first 8 bytes of the key's SHA-256, in hex: short enough to read over a phone line.</summary>
    public string KeyId { get; }

    public string Base64 => Convert.ToBase64String(Raw);

    /// <exception cref="FormatException">The text is not base64 of a 32-byte key.</exception>
    public static CheckpointPublicKey Parse(string base64)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new FormatException("the public key must be base64 of 32 bytes");
        }

        return new CheckpointPublicKey(raw);
    }

    public bool Verifies(Checkpoint checkpoint) =>
        Algorithm.Verify(_key, Checkpoint.SignedBytes(checkpoint.LogId, checkpoint.Sequence, checkpoint.HeadHash, checkpoint.SignedAt), checkpoint.Signature);
}
