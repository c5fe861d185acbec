using System.Data.Common;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Incidents;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Incidents;

/// <summary>An incident as recorded; casualties are counts only.</summary>
public sealed record Incident(
    IncidentId Id,
    IncidentKind Kind,
    DateTimeOffset OccurredAt,
    MovementId? MovementId,
    SiteId? SiteId,
    double? Latitude,
    double? Longitude,
    string Place,
    int Killed,
    int Injured,
    CargoStatus? CargoStatus,
    string Narrative);

/// <summary>Incidents by operation and local day.</summary>
public sealed class IncidentsProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "incident_id, kind, occurred_at, movement_id, site_id, latitude, longitude, place, killed, injured, cargo_status, narrative";

    public IReadOnlyList<string> Tables { get; } = ["incidents"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS incidents (
            incident_id  TEXT PRIMARY KEY,
            operation_id TEXT NOT NULL,
            kind         TEXT NOT NULL,
            occurred_at  BIGINT NOT NULL,
            day          TEXT NOT NULL,
            movement_id  TEXT,
            site_id      TEXT,
            latitude     DOUBLE PRECISION,
            longitude    DOUBLE PRECISION,
            place        TEXT NOT NULL,
            killed       INTEGER NOT NULL,
            injured      INTEGER NOT NULL,
            cargo_status TEXT,
            narrative    TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS incidents_by_day ON incidents (operation_id, day);
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        if (domainEvent is IncidentRecorded incident)
        {
            session.Execute(
                $"INSERT INTO incidents (operation_id, day, {Columns}) VALUES ($op, $day, $id, $kind, $at, $movement, $site, $lat, $lon, $place, $killed, $injured, $cargo, $narrative)",
                ("$op", incident.OperationId),
                ("$day", OperationsProjection.LocalDate(session, incident.OperationId, entry.OccurredAt)),
                ("$id", incident.IncidentId),
                ("$kind", incident.Kind.Name()),
                ("$at", entry.OccurredAt.ToUnixTimeMilliseconds()),
                ("$movement", incident.MovementId),
                ("$site", incident.SiteId),
                ("$lat", incident.Latitude),
                ("$lon", incident.Longitude),
                ("$place", incident.Place),
                ("$killed", incident.Killed),
                ("$injured", incident.Injured),
                ("$cargo", incident.CargoStatus?.Name()),
                ("$narrative", incident.Narrative));
        }
    }

    public static Incident? Find(SqlSession session, OperationId operation, IncidentId id) =>
        session.Single($"SELECT {Columns} FROM incidents WHERE operation_id = $op AND incident_id = $id", Read, ("$op", operation.Value), ("$id", id.Value));

    /// <summary>Incidents between two local days (inclusive), or all, in time order.</summary>
    public static List<Incident> List(SqlSession session, OperationId operation, DateOnly? from = null, DateOnly? to = null) => session.Query(
        $"SELECT {Columns} FROM incidents WHERE operation_id = $op AND (CAST($from AS TEXT) IS NULL OR day >= $from) AND (CAST($to AS TEXT) IS NULL OR day <= $to) ORDER BY occurred_at, incident_id",
        Read,
        ("$op", operation.Value),
        ("$from", from),
        ("$to", to));

    private static Incident Read(DbDataReader row) => new(
        new IncidentId(Guid.Parse(row.GetString(0))),
        IncidentNames.Kinds[row.GetString(1)],
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(2)),
        row.IsDBNull(3) ? null : new MovementId(Guid.Parse(row.GetString(3))),
        row.IsDBNull(4) ? null : new SiteId(Guid.Parse(row.GetString(4))),
        row.IsDBNull(5) ? null : row.GetDouble(5),
        row.IsDBNull(6) ? null : row.GetDouble(6),
        row.GetString(7),
        row.GetInt32(8),
        row.GetInt32(9),
        row.IsDBNull(10) ? null : IncidentNames.CargoStatuses[row.GetString(10)],
        row.GetString(11));
}
