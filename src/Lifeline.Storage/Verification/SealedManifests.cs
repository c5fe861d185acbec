using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Verification;
using Lifeline.Storage.Database;
using Lifeline.Storage.Movements;

namespace Lifeline.Storage.Verification;

/// <summary>
/// Checks that every manifest sealed in the log still reads, in the manifest tables that the API and reports
/// show, as it was sealed: the seal's hash is in a verified entry, so a line changed in the database directly
/// no longer hashes to it.
/// </summary>
public static class SealedManifests
{
    /// <summary>The first sealed manifest whose stored lines no longer match its seal, or null.</summary>
    public static VerificationFailure? FirstMismatch(SqlSession session, Guid logId)
    {
        if (!session.TableExists("manifests"))
        {
            return null;
        }

        var departures = session.Query(
            "SELECT sequence, body FROM log_entries WHERE operation_id = $op AND type = $type ORDER BY sequence",
            row => (Sequence: row.GetInt64(0), Body: row.GetFieldValue<byte[]>(1)),
            ("$op", logId),
            ("$type", "movement.departed.v1"));
        foreach (var (sequence, body) in departures)
        {
            var departed = System.Text.Json.JsonSerializer.Deserialize<MovementDeparted>(body, Domain.Deciding.EventJson.Options)!;
            foreach (var seal in departed.Manifests)
            {
                var stored = session.Single(
                    "SELECT movement_id, vehicle_id FROM manifests WHERE manifest_id = $id",
                    row => new { Movement = Guid.Parse(row.GetString(0)), Vehicle = row.GetString(1) },
                    ("$id", seal.ManifestId));
                var hash = stored is null
                    ? null
                    : ManifestHash.Compute(new ManifestId(seal.ManifestId), new MovementId(stored.Movement), stored.Vehicle, ManifestsProjection.Lines(session, seal.ManifestId));
                if (!string.Equals(hash, seal.Hash, StringComparison.Ordinal))
                {
                    return new VerificationFailure(logId, sequence, FailureKind.Sealed, stored is null
                        ? $"manifest {seal.ManifestId}, sealed by this entry, is missing from the manifest tables"
                        : $"manifest {seal.ManifestId} as stored hashes to {hash}, not to {seal.Hash} sealed by this entry: its lines were changed after sealing");
                }
            }
        }

        return null;
    }
}
