using Lifeline.Log.Signing;
using Lifeline.Log.Verification;
using Lifeline.Storage.Database;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Verification;

/// <summary>The result of verifying every log in a database.</summary>
public sealed record StoreVerification(IReadOnlyList<LogVerification> Logs)
{
    public long EntriesVerified => Logs.Sum(l => l.EntriesVerified);

    public long CheckpointsVerified => Logs.Sum(l => l.CheckpointsVerified);

    public VerificationFailure? FirstFailure => Logs.Select(l => l.Failure).FirstOrDefault(f => f is not null);

    public bool Succeeded => FirstFailure is null;

    /// <summary>
    /// Verifies every log in the database at <paramref name="databasePath"/>, read-only, against the given
    /// public key (which a partner obtains from the operation, not from the database).
    /// </summary>
    public static StoreVerification Run(string databasePath, CheckpointPublicKey publicKey)
    {
        using var connection = SqliteFile.Open(databasePath, readOnly: true);
        using var session = new SqlSession(connection);
        var verifier = new LogVerifier(publicKey);
        var results = new List<LogVerification>();
        foreach (var logId in LogReader.LogIds(session))
        {
            // Two sessions so that entries and checkpoints stream side by side.
            using var checkpointConnection = SqliteFile.Open(databasePath, readOnly: true);
            using var checkpointSession = new SqlSession(checkpointConnection);
            var result = verifier.Verify(logId, LogReader.Entries(session, logId), LogReader.Checkpoints(checkpointSession, logId));
            results.Add(result);
            if (!result.Succeeded)
            {
                break;
            }
        }

        return new StoreVerification(results);
    }
}
