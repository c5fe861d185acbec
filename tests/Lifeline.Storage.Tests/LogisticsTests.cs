using System.Text;
using Lifeline.Domain.Movements;
using Lifeline.Domain.Primitives;
using Lifeline.Log.Verification;
using Lifeline.Server.Demo;
using Lifeline.Storage.Movements;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Reports;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

/// <summary>
/// The demo's week of relief through the real store, on SQLite and on PostgreSQL: the situation report,
/// rebuild, and tampering with sealed manifests.
/// </summary>
public abstract class LogisticsContract : IDisposable
{
    private readonly StoreFixture _fixture;
    private readonly OperationId _operation;

    protected LogisticsContract(StoreKind kind)
    {
        _fixture = new StoreFixture(kind);
        _operation = DemoOperation.Load(_fixture.Store, TimeProvider.System);
    }

    public void Dispose() => _fixture.Dispose();

    private SituationReport Sitrep(DateOnly from, DateOnly to) =>
        _fixture.Store.Read(s => SituationReports.Build(s, OperationsProjection.Find(s, _operation)!, from, to));

    [SkippableFact]
    public void The_demo_week_dispatches_a_little_over_18_tons_and_the_report_accounts_for_every_kilogram()
    {
        var report = Sitrep(new DateOnly(2016, 7, 28), new DateOnly(2016, 8, 3));

        Assert.Equal(18.790m, report.Total.Dispatched);
        Assert.Equal(0m, report.Total.InTransit);
        Assert.Equal(report.Total.Dispatched, report.Total.Delivered + report.Total.Damaged + report.Total.Short - report.Total.Over + report.Total.Lost);
        Assert.Equal(0.100m, report.Total.Short);
        Assert.Equal(0.0934m, report.Total.Damaged);
        Assert.Equal(["road", "air"], report.ByMode.Select(m => m.Key));
        Assert.Equal(7.830m, report.ByMode.Single(m => m.Key == "air").Dispatched);
        Assert.Equal(["food", "medical"], report.ByCategory.Select(c => c.Key));
        Assert.Equal(report.Total.Dispatched, report.ByDay.Sum(d => d.Dispatched));
        Assert.Equal(decimal.Floor(report.Food.KcalDelivered / 2100), report.Food.PersonDays);
        Assert.True(report.Food.PersonDays > 20_000, $"person-days {report.Food.PersonDays}");
        var loss = Assert.Single(report.Incidents, i => i.Kind == "aircraft_lost");
        Assert.Equal(5, loss.Killed);
        Assert.Contains(report.MovementsByStatus, s => s is { Status: "lost", Movements: 1 });
        Assert.Contains(report.MovementsByStatus, s => s is { Status: "aborted", Movements: 1 });
        var flour = Assert.Single(report.StockOnHand, s => s.Commodity == "WHEAT-FLOUR-50" && s.Site == "Hamdaniyah relief warehouse");
        Assert.Equal(138m - 70m, flour.Quantity);
        Assert.Equal(3.4m, flour.DaysOfSupply);
    }

    [SkippableFact]
    public void Before_the_first_convoy_arrives_its_cargo_is_in_transit_and_stock_is_as_it_stood_that_day()
    {
        var report = Sitrep(new DateOnly(2016, 7, 28), new DateOnly(2016, 7, 28));

        Assert.Equal(2.660m, report.Total.Dispatched);
        Assert.Equal(2.660m, report.Total.Delivered);
        Assert.DoesNotContain(report.StockOnHand, s => s.Site == "Hamdaniyah relief warehouse");
    }

    [SkippableFact]
    public void The_lost_helicopter_had_delivered_its_cargo_and_its_sealed_manifest_was_inspected()
    {
        var lost = _fixture.Store.Read(s => MovementsProjection.List(s, _operation, status: MovementStatus.Lost)).Single();
        var manifests = _fixture.Store.Read(s => ManifestsProjection.OfMovement(s, lost.Id));
        var history = _fixture.Store.Read(s => MovementsProjection.History(s, lost.Id));

        Assert.Equal(MovementStatus.Delivered, history[^1].From);
        Assert.Contains("incident", history[^1].Reason, StringComparison.Ordinal);
        var manifest = Assert.Single(manifests);
        Assert.NotNull(manifest.Manifest.SealedHash);
        var inspection = Assert.Single(_fixture.Store.Read(s => ManifestsProjection.Inspections(s, manifest.Manifest.Id)));
        Assert.Equal(InspectionFinding.Matches, inspection.Finding);
        Assert.Equal(manifest.Manifest.SealedHash, inspection.ManifestHash);
    }

    [SkippableFact]
    public void Rebuilding_the_projections_from_the_log_gives_the_same_stock_movements_and_report()
    {
        var before = _fixture.DumpProjections();

        _fixture.Store.Rebuild();

        Assert.Equal(before, _fixture.DumpProjections());
    }

    [SkippableFact]
    public void A_sealed_manifest_line_changed_in_the_database_is_caught_by_verify_naming_the_sealing_entry()
    {
        var departed = _fixture.Store.Read(s => LogReader.AllEntries(s).First(e => e.Type == "movement.departed.v1"));
        using (var database = _fixture.Directory.OpenDatabase())
        using (var session = database.Open())
        {
            var manifest = session.Scalar<string>("SELECT manifest_id FROM manifests WHERE sealed_hash IS NOT NULL ORDER BY recorded_seq LIMIT 1");
            Assert.Equal(1, session.Execute("UPDATE manifest_lines SET quantity = quantity - 1000 WHERE manifest_id = $id AND line = 1", ("$id", manifest)));
        }

        var failure = _fixture.Verify().FirstFailure;

        Assert.NotNull(failure);
        Assert.Equal(FailureKind.Sealed, failure.Kind);
        Assert.Equal(departed.Sequence, failure.Sequence);
        Assert.Contains("its lines were changed after sealing", failure.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_manifest_line_changed_in_the_log_itself_breaks_the_chain()
    {
        var recorded = _fixture.Store.Read(s => LogReader.AllEntries(s).First(e => e.Type == "manifest.recorded.v1"));
        var body = recorded.BodyText.Replace("\"quantity\":20", "\"quantity\":19", StringComparison.Ordinal);
        Assert.NotEqual(recorded.BodyText, body);
        _fixture.Tamper("UPDATE log_entries SET body = $body WHERE sequence = $seq", ("$body", Encoding.UTF8.GetBytes(body)), ("$seq", recorded.Sequence));

        var failure = _fixture.Verify().FirstFailure!;

        Assert.Equal(recorded.Sequence, failure.Sequence);
        Assert.Equal(FailureKind.Hash, failure.Kind);
    }

    [SkippableFact]
    public void An_intact_demo_passes_the_sealed_manifest_check()
    {
        Assert.True(_fixture.Verify().Succeeded);
    }
}

public sealed class SqliteLogisticsTests() : LogisticsContract(StoreKind.Sqlite);

public sealed class PostgresLogisticsTests() : LogisticsContract(StoreKind.Postgres);
