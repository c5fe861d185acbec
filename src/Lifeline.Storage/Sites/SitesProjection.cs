using System.Data.Common;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Sites;

/// <summary>Sites with their current status.</summary>
public sealed class SitesProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "site_id, operation_id, name, kind, latitude, longitude, p_code, status";

    public IReadOnlyList<string> Tables { get; } = ["sites"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS sites (
            site_id       TEXT PRIMARY KEY,
            operation_id  TEXT NOT NULL,
            name          TEXT NOT NULL,
            name_key      TEXT NOT NULL,
            kind          TEXT NOT NULL,
            latitude      REAL NOT NULL,
            longitude     REAL NOT NULL,
            p_code        TEXT,
            status        TEXT NOT NULL,
            status_reason TEXT,
            registered_seq INTEGER NOT NULL,
            updated_seq   INTEGER NOT NULL,
            UNIQUE (operation_id, name_key)
        );
        CREATE INDEX IF NOT EXISTS sites_by_operation ON sites (operation_id, registered_seq);
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        switch (domainEvent)
        {
            case SiteRegistered registered:
                session.Execute(
                    "INSERT INTO sites (site_id, operation_id, name, name_key, kind, latitude, longitude, p_code, status, registered_seq, updated_seq) VALUES ($id, $op, $name, $key, $kind, $lat, $lon, $pcode, $status, $seq, $seq)",
                    ("$id", registered.SiteId),
                    ("$op", registered.OperationId),
                    ("$name", registered.Name),
                    ("$key", NameKey.Of(registered.Name)),
                    ("$kind", registered.Kind.Name()),
                    ("$lat", registered.Latitude),
                    ("$lon", registered.Longitude),
                    ("$pcode", registered.PCode),
                    ("$status", SiteStatus.Active.Name()),
                    ("$seq", entry.Sequence));
                break;
            case SiteStatusChanged changed:
                session.Execute(
                    "UPDATE sites SET status = $status, status_reason = $reason, updated_seq = $seq WHERE site_id = $id",
                    ("$id", changed.SiteId),
                    ("$status", changed.Status.Name()),
                    ("$reason", changed.Reason),
                    ("$seq", entry.Sequence));
                break;
        }
    }

    public static Site? Find(SqlSession session, OperationId operation, SiteId id) =>
        session.Single($"SELECT {Columns} FROM sites WHERE operation_id = $op AND site_id = $id", Read, ("$op", operation.Value), ("$id", id.Value));

    public static Site? FindByName(SqlSession session, OperationId operation, string name) =>
        session.Single($"SELECT {Columns} FROM sites WHERE operation_id = $op AND name_key = $key", Read, ("$op", operation.Value), ("$key", NameKey.Of(name)));

    public static List<Site> List(SqlSession session, OperationId operation) =>
        session.Query($"SELECT {Columns} FROM sites WHERE operation_id = $op ORDER BY registered_seq", Read, ("$op", operation.Value));

    private static Site Read(DbDataReader row) => new(
        new SiteId(Guid.Parse(row.GetString(0))),
        new OperationId(Guid.Parse(row.GetString(1))),
        row.GetString(2),
        SiteNames.Kinds[row.GetString(3)],
        GeoPoint.Create(row.GetDouble(4), row.GetDouble(5)).Value,
        row.IsDBNull(6) ? null : row.GetString(6),
        SiteNames.Statuses[row.GetString(7)]);
}
