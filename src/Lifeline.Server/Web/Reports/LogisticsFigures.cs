using Lifeline.Domain.Movements;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Sites;
using Lifeline.Storage.Database;
using Lifeline.Storage.Incidents;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Reports;
using Lifeline.Storage.Sites;

namespace Lifeline.Server.Web.Reports;

/// <summary>A movement with its ends' names, for lists and the map.</summary>
public sealed record MovementRow(Movement Movement, Site? Origin, Site? Destination);

/// <summary>
/// Relief logistics for the dashboard: the situation report over the whole operation (from its start to the
/// later of today and the last day with tonnage), tons dispatched per day and mode, movements under way and
/// the latest incidents.
/// </summary>
public sealed record LogisticsFigures(SituationReport Report, IReadOnlyList<(DateOnly Day, string Mode, decimal Dispatched)> DailyByMode, IReadOnlyList<MovementRow> UnderWay, IReadOnlyList<Incident> LatestIncidents)
{
    /// <summary>Movements that have left and not yet been delivered or lost.</summary>
    public static readonly IReadOnlySet<MovementStatus> UnderWayStatuses = new HashSet<MovementStatus> { MovementStatus.Departed, MovementStatus.Arrived };

    public const int IncidentsShown = 5;

    public static LogisticsFigures Read(SqlSession session, Operation operation, DateTimeOffset now)
    {
        var (from, to) = WholeOperation(session, operation, now);
        return new LogisticsFigures(
            SituationReports.Build(session, operation, from, to),
            SituationReports.DailyByMode(session, operation.Id, from, to),
            UnderWayIn(session, operation),
            IncidentsProjection.List(session, operation.Id).TakeLast(IncidentsShown).Reverse().ToList());
    }

    /// <summary>The operation's days so far: from its start to the later of today and the last day with tonnage, at most a report's length.</summary>
    public static (DateOnly From, DateOnly To) WholeOperation(SqlSession session, Operation operation, DateTimeOffset now)
    {
        var today = OperationsProjection.LocalDate(session, operation.Id.Value, now);
        var last = SituationReports.LastDay(session, operation.Id) is { } day && day > today ? day : today;
        var from = operation.StartDate < last ? operation.StartDate : last;
        var latest = from.AddDays(Server.Reports.SitrepEndpoints.MaxDays - 1);
        return (from, last < latest ? last : latest);
    }

    public static List<MovementRow> UnderWayIn(SqlSession session, Operation operation) => Rows(session, operation, MovementsProjection.List(session, operation.Id).Where(m => UnderWayStatuses.Contains(m.Status)));

    public static List<MovementRow> Rows(SqlSession session, Operation operation, IEnumerable<Movement> movements)
    {
        var sites = SitesProjection.List(session, operation.Id).ToDictionary(s => s.Id);
        return movements.Select(m => new MovementRow(m, sites.GetValueOrDefault(m.Origin), sites.GetValueOrDefault(m.Destination))).ToList();
    }
}
