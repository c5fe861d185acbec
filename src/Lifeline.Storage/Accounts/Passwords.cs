using System.Diagnostics.Metrics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using Lifeline.Domain;
using Lifeline.Domain.Primitives;
using NSec.Cryptography;

namespace Lifeline.Storage.Accounts;

/// <summary>
/// Password hashing with Argon2id (libsodium through NSec) in the PHC string format, and the password rules:
/// at least 12 characters, no composition rules, not on the local list of common passwords (NIST SP 800-63B).
/// </summary>
public static class Passwords
{
    /// <summary>The meter counting Argon2id derivations (<c>lifeline.passwords.derivations</c>).</summary>
    public const string MeterName = "Lifeline.Accounts";

    public const int MinimumLength = 12;

    public const int MaximumLength = 256;

    // OWASP's recommended Argon2id floor (19 MiB, 2 passes, 1 lane): tens of milliseconds per sign-in on a
    // small server, far beyond what a stolen database's attacker can afford per guess.
    private const int MemoryKib = 19 * 1024;
    private const int Passes = 2;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    private static readonly Meter Meter = new(MeterName);

    // One per password tried, whoever it was tried for: an operator sees guessing, and a test sees that
    // every way a sign-in can fail pays for the same hash.
    private static readonly Counter<long> Derivations = Meter.CreateCounter<long>("lifeline.passwords.derivations", description: "Argon2id derivations, one per password verified or hashed");

    // A well-formed hash with this version's parameters that no password matches (an all-zero output), so
    // that verifying against it costs exactly what verifying against a real account's hash costs.
    private static readonly string Unmatchable = string.Create(
        CultureInfo.InvariantCulture, $"$argon2id$v=19$m={MemoryKib},t={Passes},p=1${Unpadded(new byte[SaltBytes])}${Unpadded(new byte[HashBytes])}");

    /// <summary>Why a password is refused, or null when it may be used.</summary>
    public static Message? Refusal(string? password, string username)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return Reasons.Accounts.PasswordTooShort.With(("min", MinimumLength));
        }

        if (password.Length > MaximumLength)
        {
            return Reasons.Accounts.PasswordTooLong.With(("max", MaximumLength));
        }

        var folded = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(folded) || folded.Distinct().Count() <= 2)
        {
            return Reasons.Accounts.PasswordCommon.With();
        }

        if (folded.Contains(username.ToLowerInvariant(), StringComparison.Ordinal))
        {
            return Reasons.Accounts.PasswordContainsUsername.With();
        }

        return null;
    }

    /// <summary>A new salted Argon2id hash of the password, with its parameters.</summary>
    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, MemoryKib, Passes);
        return string.Create(CultureInfo.InvariantCulture, $"$argon2id$v=19$m={MemoryKib},t={Passes},p=1${Unpadded(salt)}${Unpadded(hash)}");
    }

    /// <summary>Whether the password matches the stored hash; compared in constant time.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id")
        {
            return false;
        }

        var parameters = parts[3].Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var salt = Padded(parts[4]);
        var expected = Padded(parts[5]);
        var actual = Derive(password, salt, parameters["m"], parameters["t"], expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// Verifies the password against a hash of the same algorithm and parameters that nothing matches, so that an
    /// unknown username costs what a wrong password costs.
    /// </summary>
    public static void VerifyNothing(string password) => Verify(password, Unmatchable);

    private static byte[] Derive(string password, byte[] salt, long memoryKib, long passes, int length = HashBytes)
    {
        Derivations.Add(1);
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKib,
            NumberOfPasses = passes,
        });
        return algorithm.DeriveBytes(password, salt, length);
    }

    private static string Unpadded(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] Padded(string text) => Convert.FromBase64String(text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    private static HashSet<string> LoadCommon()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Lifeline.Storage.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("the common-password list is not embedded");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
