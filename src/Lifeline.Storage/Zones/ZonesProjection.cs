using System.Data.Common;
using System.Text.Json;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Zones;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Zones;

/// <summary>Zones with their polygons as GeoJSON coordinates.</summary>
public sealed class ZonesProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "zone_id, operation_id, name, kind, coordinates";

    public IReadOnlyList<string> Tables { get; } = ["zones"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS zones (
            zone_id      TEXT PRIMARY KEY,
            operation_id TEXT NOT NULL,
            name         TEXT NOT NULL,
            name_key     TEXT NOT NULL,
            kind         TEXT NOT NULL,
            coordinates  TEXT NOT NULL,
            drawn_seq    INTEGER NOT NULL,
            UNIQUE (operation_id, name_key)
        );
        CREATE INDEX IF NOT EXISTS zones_by_operation ON zones (operation_id, drawn_seq);
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        if (domainEvent is ZoneDrawn drawn)
        {
            session.Execute(
                "INSERT INTO zones (zone_id, operation_id, name, name_key, kind, coordinates, drawn_seq) VALUES ($id, $op, $name, $key, $kind, $coordinates, $seq)",
                ("$id", drawn.ZoneId),
                ("$op", drawn.OperationId),
                ("$name", drawn.Name),
                ("$key", NameKey.Of(drawn.Name)),
                ("$kind", drawn.Kind.Name()),
                ("$coordinates", JsonSerializer.Serialize(drawn.Coordinates, EventJson.Options)),
                ("$seq", entry.Sequence));
        }
    }

    public static Zone? Find(SqlSession session, OperationId operation, ZoneId id) =>
        session.Single($"SELECT {Columns} FROM zones WHERE operation_id = $op AND zone_id = $id", Read, ("$op", operation.Value), ("$id", id.Value));

    public static Zone? FindByName(SqlSession session, OperationId operation, string name) =>
        session.Single($"SELECT {Columns} FROM zones WHERE operation_id = $op AND name_key = $key", Read, ("$op", operation.Value), ("$key", NameKey.Of(name)));

    public static List<Zone> List(SqlSession session, OperationId operation) =>
        session.Query($"SELECT {Columns} FROM zones WHERE operation_id = $op ORDER BY drawn_seq", Read, ("$op", operation.Value));

    private static Zone Read(DbDataReader row) => new(
        new ZoneId(Guid.Parse(row.GetString(0))),
        new OperationId(Guid.Parse(row.GetString(1))),
        row.GetString(2),
        ZoneNames.Kinds[row.GetString(3)],
        GeoPolygon.FromRecorded(JsonSerializer.Deserialize<double[][][]>(row.GetString(4), EventJson.Options)!));
}
