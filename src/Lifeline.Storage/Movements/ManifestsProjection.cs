using System.Data.Common;
using System.Text.Json;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Stock;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Movements;

/// <summary>A manifest as the projection keeps it: its lines, totals, seal, and what replaced or corrects it.</summary>
public sealed record ManifestRecord(Manifest Manifest, decimal TotalMassKg, double TotalVolumeM3, Guid? SupersededBy, string? Reason, long RecordedSequence);

/// <summary>An inspection of a sealed manifest.</summary>
public sealed record InspectionRecord(InspectionId Id, ManifestId ManifestId, string ManifestHash, string Organisation, InspectionFinding Finding, IReadOnlyList<InspectedLine> Differences, string Note, DateTimeOffset OccurredAt);

/// <summary>
/// Manifests, their lines and seals, corrections and inspections. A manifest recorded for a vehicle that
/// already had one supersedes it until departure; after that, only corrections, which never replace the seal.
/// </summary>
public sealed class ManifestsProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "manifest_id, movement_id, vehicle_id, sealed_hash, corrects, total_mass_g, total_volume_m3, superseded_by, reason, recorded_seq";

    public IReadOnlyList<string> Tables { get; } = ["manifests", "manifest_lines", "inspections"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS manifests (
            manifest_id     TEXT PRIMARY KEY,
            operation_id    TEXT NOT NULL,
            movement_id     TEXT NOT NULL,
            vehicle_id      TEXT NOT NULL,
            sealed_hash     TEXT,
            corrects        TEXT,
            total_mass_g    BIGINT NOT NULL,
            total_volume_m3 DOUBLE PRECISION NOT NULL,
            superseded_by   TEXT,
            reason          TEXT,
            recorded_seq    BIGINT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS manifests_by_movement ON manifests (movement_id, recorded_seq);
        CREATE TABLE IF NOT EXISTS manifest_lines (
            manifest_id  TEXT NOT NULL,
            line         INTEGER NOT NULL,
            commodity_id TEXT NOT NULL,
            lot          TEXT NOT NULL,
            quantity     BIGINT NOT NULL,
            PRIMARY KEY (manifest_id, line)
        );
        CREATE TABLE IF NOT EXISTS inspections (
            inspection_id TEXT PRIMARY KEY,
            operation_id  TEXT NOT NULL,
            manifest_id   TEXT NOT NULL,
            manifest_hash TEXT NOT NULL,
            organisation  TEXT NOT NULL,
            finding       TEXT NOT NULL,
            differences   TEXT NOT NULL,
            note          TEXT NOT NULL,
            occurred_at   BIGINT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS inspections_by_manifest ON inspections (manifest_id);
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case ManifestRecorded recorded:
                if (recorded.Replaces is { } replaced)
                {
                    session.Execute("UPDATE manifests SET superseded_by = $by WHERE manifest_id = $id", ("$by", recorded.ManifestId), ("$id", replaced));
                }

                Insert(session, entry, recorded.OperationId, recorded.ManifestId, recorded.MovementId, recorded.VehicleId, null, recorded.Lines, recorded.TotalMassKg, recorded.TotalVolumeM3, null);
                break;
            case ManifestCorrected corrected:
                Insert(session, entry, corrected.OperationId, corrected.ManifestId, corrected.MovementId, corrected.VehicleId, corrected.Corrects, corrected.Lines, corrected.TotalMassKg, corrected.TotalVolumeM3, corrected.Reason);
                break;
            case MovementDeparted departed:
                foreach (var seal in departed.Manifests)
                {
                    session.Execute("UPDATE manifests SET sealed_hash = $hash WHERE manifest_id = $id", ("$hash", seal.Hash), ("$id", seal.ManifestId));
                }

                break;
            case InspectionRecorded inspection:
                session.Execute(
                    "INSERT INTO inspections (inspection_id, operation_id, manifest_id, manifest_hash, organisation, finding, differences, note, occurred_at) VALUES ($id, $op, $manifest, $hash, $organisation, $finding, $differences, $note, $at)",
                    ("$id", inspection.InspectionId),
                    ("$op", inspection.OperationId),
                    ("$manifest", inspection.ManifestId),
                    ("$hash", inspection.ManifestHash),
                    ("$organisation", inspection.Organisation),
                    ("$finding", inspection.Finding == InspectionFinding.Matches ? "matches" : "differs"),
                    ("$differences", JsonSerializer.Serialize(inspection.Differences, EventJson.Options)),
                    ("$note", inspection.Note),
                    ("$at", entry.OccurredAt.ToUnixTimeMilliseconds()));
                break;
        }
    }

    private static void Insert(SqlSession session, LogEntry entry, Guid operation, Guid manifest, Guid movement, string vehicle, Guid? corrects, ManifestLine[] lines, decimal massKg, decimal volume, string? reason)
    {
        session.Execute(
            $"INSERT INTO manifests (operation_id, {Columns}) VALUES ($op, $id, $movement, $vehicle, NULL, $corrects, $mass, $volume, NULL, $reason, $seq)",
            ("$op", operation),
            ("$id", manifest),
            ("$movement", movement),
            ("$vehicle", vehicle),
            ("$corrects", corrects),
            ("$mass", (long)decimal.Round(massKg * 1000m)),
            ("$volume", (double)volume),
            ("$reason", reason),
            ("$seq", entry.Sequence));
        for (var i = 0; i < lines.Length; i++)
        {
            session.Execute(
                "INSERT INTO manifest_lines (manifest_id, line, commodity_id, lot, quantity) VALUES ($id, $line, $commodity, $lot, $quantity)",
                ("$id", manifest),
                ("$line", i + 1),
                ("$commodity", lines[i].CommodityId),
                ("$lot", lines[i].Lot),
                ("$quantity", Quantity.FromUnits(lines[i].Quantity)!.Value.Thousandths));
        }
    }

    public static ManifestRecord? Find(SqlSession session, OperationId operation, ManifestId id) =>
        session.Single($"SELECT {Columns} FROM manifests WHERE operation_id = $op AND manifest_id = $id", Read, ("$op", operation.Value), ("$id", id.Value)) is { } found
            ? WithLines(session, found)
            : null;

    /// <summary>Every manifest of a movement, superseded and corrections included, in recorded order.</summary>
    public static List<ManifestRecord> OfMovement(SqlSession session, MovementId movement) =>
        [.. session.Query($"SELECT {Columns} FROM manifests WHERE movement_id = $movement ORDER BY recorded_seq", Read, ("$movement", movement.Value)).Select(m => WithLines(session, m))];

    /// <summary>The manifests a movement loads: one per vehicle, neither superseded nor a correction.</summary>
    public static List<Manifest> Current(SqlSession session, MovementId movement) =>
        OfMovement(session, movement).Where(m => m.SupersededBy is null && m.Manifest.Corrects is null).Select(m => m.Manifest).ToList();

    public static List<InspectionRecord> Inspections(SqlSession session, ManifestId manifest) => session.Query(
        "SELECT inspection_id, manifest_id, manifest_hash, organisation, finding, differences, note, occurred_at FROM inspections WHERE manifest_id = $id ORDER BY occurred_at, inspection_id",
        row => new InspectionRecord(
            new InspectionId(Guid.Parse(row.GetString(0))),
            new ManifestId(Guid.Parse(row.GetString(1))),
            row.GetString(2),
            row.GetString(3),
            RecordInspection.Findings[row.GetString(4)],
            JsonSerializer.Deserialize<InspectedLine[]>(row.GetString(5), EventJson.Options)!,
            row.GetString(6),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(7))),
        ("$id", manifest.Value));

    /// <summary>The lines of a manifest as the projection holds them, for display and for verification against its seal.</summary>
    public static List<ManifestLine> Lines(SqlSession session, Guid manifest) => session.Query(
        "SELECT commodity_id, lot, quantity FROM manifest_lines WHERE manifest_id = $id ORDER BY line",
        row => new ManifestLine(Guid.Parse(row.GetString(0)), row.GetString(1), Quantity.FromThousandths(row.GetInt64(2)).Units),
        ("$id", manifest));

    /// <summary>The manifest's lines, read once its own row has been read: one connection reads one result at a time.</summary>
    private static ManifestRecord WithLines(SqlSession session, ManifestRecord record) =>
        record with { Manifest = record.Manifest with { Lines = Lines(session, record.Manifest.Id.Value) } };

    private static ManifestRecord Read(DbDataReader row)
    {
        var id = Guid.Parse(row.GetString(0));
        var manifest = new Manifest(
            new ManifestId(id),
            new MovementId(Guid.Parse(row.GetString(1))),
            row.GetString(2),
            [],
            row.IsDBNull(3) ? null : row.GetString(3),
            row.IsDBNull(4) ? null : Guid.Parse(row.GetString(4)));
        return new ManifestRecord(
            manifest,
            row.GetInt64(5) / 1000m,
            row.GetDouble(6),
            row.IsDBNull(7) ? null : Guid.Parse(row.GetString(7)),
            row.IsDBNull(8) ? null : row.GetString(8),
            row.GetInt64(9));
    }
}
