using System.Data.Common;
using Lifeline.Domain.Commodities;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;

namespace Lifeline.Storage.Commodities;

/// <summary>The operation's commodity catalogue.</summary>
public sealed class CommoditiesProjection : IProjection
{
    public int Version => 1;

    private const string Columns = "commodity_id, operation_id, code, name, category, unit, mass_per_unit_kg, kcal_per_kg, volume_per_unit_m3, lot_tracked";

    public IReadOnlyList<string> Tables { get; } = ["commodities"];

    public void Create(SqlSession session) => session.Execute("""
        CREATE TABLE IF NOT EXISTS commodities (
            commodity_id       TEXT PRIMARY KEY,
            operation_id       TEXT NOT NULL,
            code               TEXT NOT NULL,
            name               TEXT NOT NULL,
            category           TEXT NOT NULL,
            unit               TEXT NOT NULL,
            mass_per_unit_kg   TEXT NOT NULL,
            kcal_per_kg        TEXT,
            volume_per_unit_m3 TEXT,
            lot_tracked        INTEGER NOT NULL,
            registered_seq     INTEGER NOT NULL,
            UNIQUE (operation_id, code)
        );
        CREATE INDEX IF NOT EXISTS commodities_by_operation ON commodities (operation_id, registered_seq);
        """);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        if (domainEvent is CommodityRegistered registered)
        {
            session.Execute(
                "INSERT INTO commodities (commodity_id, operation_id, code, name, category, unit, mass_per_unit_kg, kcal_per_kg, volume_per_unit_m3, lot_tracked, registered_seq) VALUES ($id, $op, $code, $name, $category, $unit, $mass, $kcal, $volume, $lot, $seq)",
                ("$id", registered.CommodityId),
                ("$op", registered.OperationId),
                ("$code", registered.Code),
                ("$name", registered.Name),
                ("$category", registered.Category.Name()),
                ("$unit", registered.Unit),
                ("$mass", registered.MassPerUnitKg),
                ("$kcal", registered.KcalPerKg),
                ("$volume", registered.VolumePerUnitM3),
                ("$lot", registered.LotTracked),
                ("$seq", entry.Sequence));
        }
    }

    public static Commodity? Find(SqlSession session, OperationId operation, CommodityId id) =>
        session.Single($"SELECT {Columns} FROM commodities WHERE operation_id = $op AND commodity_id = $id", Read, ("$op", operation.Value), ("$id", id.Value));

    public static Commodity? FindByCode(SqlSession session, OperationId operation, string code) =>
        session.Single($"SELECT {Columns} FROM commodities WHERE operation_id = $op AND code = $code", Read, ("$op", operation.Value), ("$code", code));

    public static List<Commodity> List(SqlSession session, OperationId operation) =>
        session.Query($"SELECT {Columns} FROM commodities WHERE operation_id = $op ORDER BY registered_seq", Read, ("$op", operation.Value));

    /// <summary>
    /// A commodity by id for projections that weigh quantities; a commodity never changes once registered, so
    /// it is remembered and a million movement lines cost no extra look-ups.
    /// </summary>
    public static Commodity Known(SqlSession session, Guid id)
    {
        if (Cache.TryGetValue(id, out var commodity))
        {
            return commodity;
        }

        commodity = session.Single($"SELECT {Columns} FROM commodities WHERE commodity_id = $id", Read, ("$id", id))
            ?? throw new InvalidOperationException($"commodity {id} is not in the projection");
        Cache[id] = commodity;
        return commodity;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Commodity> Cache = new();

    private static Commodity Read(DbDataReader row) => new(
        new CommodityId(Guid.Parse(row.GetString(0))),
        new OperationId(Guid.Parse(row.GetString(1))),
        row.GetString(2),
        row.GetString(3),
        CommodityNames.Categories[row.GetString(4)],
        row.GetString(5),
        new UnitMass(decimal.Parse(row.GetString(6), System.Globalization.CultureInfo.InvariantCulture)),
        row.IsDBNull(7) ? null : decimal.Parse(row.GetString(7), System.Globalization.CultureInfo.InvariantCulture),
        row.IsDBNull(8) ? null : decimal.Parse(row.GetString(8), System.Globalization.CultureInfo.InvariantCulture),
        row.GetInt64(9) != 0);
}
