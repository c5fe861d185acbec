using Lifeline.Domain.Deciding;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;

namespace Lifeline.Storage.Projections;

/// <summary>
/// A read model derived from the log. It is updated in the same transaction as the append that produced
/// its events, and it can be dropped and rebuilt from the log at any time.
/// </summary>
public interface IProjection
{
    /// <summary>The name its version is recorded under.</summary>
    string Name => GetType().Name;

    /// <summary>
    /// The version of its tables and of what it derives into them. Raise it with any change to either: the
    /// store then rebuilds the projection from the log (on open for the embedded file, at <c>lifeline migrate</c>
    /// for a shared database), so no migration ever has to follow a projection's shape.
    /// </summary>
    int Version { get; }

    /// <summary>The tables this projection owns, dropped and recreated on rebuild.</summary>
    IReadOnlyList<string> Tables { get; }

    void Create(SqlSession session);

    /// <summary>Applies one recorded event. Events of types the projection does not follow are ignored.</summary>
    void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent);
}

/// <summary>The projections a store keeps up to date, in the order they are applied.</summary>
public sealed class ProjectionSet(IReadOnlyList<IProjection> projections)
{
    public static readonly ProjectionSet Default = new(
    [
        new Operations.OperationsProjection(),
        new Sites.SitesProjection(),
        new Zones.ZonesProjection(),
        new Commodities.CommoditiesProjection(),
        new Corridors.CorridorsProjection(),
        new Corridors.PassagesProjection(),
        new Stock.StockProjection(),
        new Movements.MovementsProjection(),
        new Movements.ManifestsProjection(),
        new Incidents.IncidentsProjection(),
    ]);

    public IReadOnlyList<IProjection> Projections { get; } = projections;

    public IEnumerable<string> Tables => Projections.SelectMany(p => p.Tables);

    public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent)
    {
        foreach (var projection in Projections)
        {
            projection.Apply(session, entry, domainEvent);
        }
    }
}
