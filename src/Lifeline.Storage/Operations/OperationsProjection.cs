using System.Data.Common;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Operations;

/// <summary>The operations known to this store.</summary>
public sealed class OperationsProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "operation_id, name, description, start_date, time_zone";

    public IReadOnlyList<string> Tables { get; } = ["operations"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS operations (
            operation_id TEXT PRIMARY KEY,
            name         TEXT NOT NULL,
            name_key     TEXT NOT NULL UNIQUE,
            description  TEXT NOT NULL,
            start_date   TEXT NOT NULL,
            time_zone    TEXT NOT NULL,
            created_seq  INTEGER NOT NULL
        )
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        if (domainEvent is OperationCreated created)
        {
            session.Execute(
                "INSERT INTO operations (operation_id, name, name_key, description, start_date, time_zone, created_seq) VALUES ($id, $name, $key, $description, $start, $zone, $seq)",
                ("$id", created.OperationId),
                ("$name", created.Name),
                ("$key", NameKey.Of(created.Name)),
                ("$description", created.Description),
                ("$start", created.StartDate),
                ("$zone", created.TimeZone),
                ("$seq", entry.Sequence));
        }
    }

    public static Operation? Find(SqlSession session, OperationId id) =>
        session.Single($"SELECT {Columns} FROM operations WHERE operation_id = $id", Read, ("$id", id.Value));

    public static Operation? FindByName(SqlSession session, string name) =>
        session.Single($"SELECT {Columns} FROM operations WHERE name_key = $key", Read, ("$key", NameKey.Of(name)));

    public static List<Operation> List(SqlSession session) =>
        session.Query($"SELECT {Columns} FROM operations ORDER BY created_seq, operation_id", Read);

    /// <summary>
    /// The operation's local date at an instant: reports and expiry go by the day as people on the ground
    /// count it. Zones never change once an operation exists, so they are remembered per operation.
    /// </summary>
    public static DateOnly LocalDate(SqlSession session, Guid operation, DateTimeOffset at)
    {
        if (!Zones.TryGetValue(operation, out var zone))
        {
            zone = Find(session, new OperationId(operation))?.TimeZone.Zone;
            if (zone is null)
            {
                return DateOnly.FromDateTime(at.UtcDateTime);
            }

            Zones[operation] = zone;
        }

        return NodaTime.Instant.FromDateTimeOffset(at).InZone(zone).Date.ToDateOnly();
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, NodaTime.DateTimeZone> Zones = new();

    private static Operation Read(DbDataReader row) => new(
        new OperationId(Guid.Parse(row.GetString(0))),
        row.GetString(1),
        row.GetString(2),
        DateOnly.ParseExact(row.GetString(3), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IanaTimeZone.Create(row.GetString(4)).Value);
}
