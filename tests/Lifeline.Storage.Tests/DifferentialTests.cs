using System.Text.Json;
using Lifeline.Log.Signing;
using Lifeline.Storage.Commodities;
using Lifeline.Storage.Corridors;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;
using Lifeline.Storage.Zones;
using Lifeline.Testing;

namespace Lifeline.Storage.Tests;

/// <summary>The same scenario recorded on SQLite and on PostgreSQL gives the same log and the same reports.</summary>
public class DifferentialTests
{
    private static readonly FrozenClock Clock = new(new DateTimeOffset(2016, 7, 28, 6, 0, 0, TimeSpan.FromHours(3)));

    [SkippableFact]
    public void The_demo_recorded_on_both_stores_has_identical_hashes_checkpoints_projections_and_reports()
    {
        using var sqlite = new StoreFixture(StoreKind.Sqlite, clock: Clock);
        using var postgres = new StoreFixture(StoreKind.Postgres, clock: Clock);

        var onSqlite = Record(sqlite, sqlite.Directory.KeyPath);
        var onPostgres = Record(postgres, sqlite.Directory.KeyPath);

        Assert.Equal(onSqlite.Entries.Count, onPostgres.Entries.Count);
        Assert.True(onSqlite.Entries.Count > 80, "the whole demo was recorded");
        Assert.Equal(onSqlite.Entries, onPostgres.Entries);
        Assert.Equal(onSqlite.Checkpoints, onPostgres.Checkpoints);
        Assert.Equal(onSqlite.Tables, onPostgres.Tables);
        for (var i = 0; i < onSqlite.Reports.Count; i++)
        {
            Assert.Equal(onSqlite.Reports[i], onPostgres.Reports[i]);
        }
        Assert.True(postgres.Verify(sqlite.Store.PublicKey).Succeeded);
    }

    private static Recorded Record(StoreFixture fixture, string keyPath)
    {
        // One key, one frozen clock and one seed for both stores: every id, time and signature is the same.
        using var store = new LogStore(fixture.Directory.OpenDatabase(), ServerKey.Load(keyPath), Clock, entropy: new Random(20160801), personalData: fixture.Directory.OpenPersonalData());
        var operation = Server.Demo.DemoOperation.Load(store, Clock, new Random(1));
        return store.Read(session =>
        {
            var entries = LogReader.Entries(session, operation.Value).Select(e => $"{e.Sequence} {e.Id} {e.Type} {e.Stream}#{e.StreamVersion} {e.HashHex}").ToList();
            var checkpoints = LogReader.Checkpoints(session, operation.Value).Select(c => $"{c.Sequence} {Convert.ToHexString(c.HeadHash)} {Convert.ToBase64String(c.Signature)}").ToList();
            var corridors = CorridorsProjection.List(session, operation);
            var reports = new List<string>
            {
                Json(OperationsProjection.List(session)),
                Json(SitesProjection.List(session, operation)),
                Json(ZonesProjection.List(session, operation)),
                Json(CommoditiesProjection.List(session, operation)),
                Json(corridors),
                Json(PassagesProjection.Current(session, operation)),
                Json(Reports.SituationReports.Build(session, OperationsProjection.Find(session, operation)!, new DateOnly(2016, 7, 28), new DateOnly(2016, 8, 3))),
                Json(Stock.StockProjection.Lots(session, operation, includeEmpty: true)),
                Json(Movements.MovementsProjection.List(session, operation)),
                Json(Incidents.IncidentsProjection.List(session, operation)),
            };
            foreach (var corridor in corridors)
            {
                reports.Add(Json(CorridorsProjection.History(session, corridor.Id)));
                reports.Add(Json(CorridorsProjection.Windows(session, corridor.Id)));
                reports.Add(Json(PassagesProjection.Totals(session, corridor.Id)));
                reports.Add(Json(PassagesProjection.Hourly(session, corridor.Id, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue)));
            }

            return new Recorded(entries, checkpoints, fixture.DumpProjections(), reports);
        });
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Domain.Deciding.EventJson.Options);

    private sealed record Recorded(List<string> Entries, List<string> Checkpoints, List<string> Tables, List<string> Reports);
}
