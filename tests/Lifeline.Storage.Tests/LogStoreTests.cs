using Lifeline.Domain.Corridors;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Domain.Sites;
using Lifeline.Log.Chain;
using Lifeline.Storage.Database;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Projections;
using Lifeline.Storage.Sites;
using Lifeline.Storage.Writing;

namespace Lifeline.Storage.Tests;

/// <summary>
/// The store's contract: append, idempotency, atomicity, verification, rebuild and concurrent appenders. It
/// runs unchanged against SQLite and PostgreSQL (see the two classes at the end of this file).
/// </summary>
public abstract class LogStoreContract
{
    protected abstract StoreKind Kind { get; }

    private StoreFixture NewFixture(ProjectionSet? projections = null) => new(Kind, projections);

    [SkippableFact]
    public void A_recorded_command_updates_its_projection_and_returns_a_receipt_with_a_signed_checkpoint()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var outcome = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Ramouseh crossing"), StoreFixture.Officer);

        var receipt = Assert.Single(Assert.IsType<WriteOutcome.Recorded>(outcome).Receipts);
        var entry = Assert.Single(receipt.Entries);
        Assert.Equal(2, entry.Sequence);
        Assert.Equal("site.registered.v1", entry.Type);
        Assert.Equal(entry.Hash, receipt.Checkpoint!.HeadHash);
        Assert.Equal(2, receipt.Checkpoint.Sequence);
        var site = fixture.Store.Read(s => SitesProjection.FindByName(s, operation, "ramouseh  CROSSING"));
        Assert.Equal(receipt.SubjectId, site!.Id.Value);
        Assert.True(fixture.Verify().Succeeded);
    }

    [SkippableFact]
    public void Entries_record_who_and_from_which_device()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var entry = fixture.Store.Read(s => LogReader.Entries(s, operation.Value).Single());

        Assert.Equal("officer-1", entry.Actor);
        Assert.Equal("tablet-7", entry.Device);
        Assert.Equal($"operation/{operation}", entry.Stream);
        Assert.Equal(1, entry.StreamVersion);
        Assert.Equal(7, entry.Id.Version);
    }

    [SkippableFact]
    public void A_failure_between_the_append_and_a_projection_update_leaves_neither()
    {
        var failing = new ProjectionSet([.. ProjectionSet.Default.Projections, new FailingProjection()]);
        using var fixture = NewFixture(failing);
        var operation = Domain.Primitives.OperationId.New(TimeProvider.System);

        Assert.Throws<InvalidOperationException>(() => fixture.Store.Execute(StoreFixture.CreateOperation(operation, "Doomed"), StoreFixture.Officer));

        Assert.Equal(0, fixture.EntryCount());
        Assert.Null(fixture.Store.Read(s => OperationsProjection.Find(s, operation)));
        Assert.Equal(0, fixture.Store.Read(s => s.Scalar<long>("SELECT count(*) FROM log_checkpoints")));
    }

    [SkippableFact]
    public void A_refused_command_in_a_batch_records_nothing_of_the_batch()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var outcome = fixture.Store.Execute(
            [StoreFixture.RegisterSite(operation, "First"), StoreFixture.RegisterSite(operation, "Second"), StoreFixture.RegisterSite(operation, "first")],
            StoreFixture.Officer);

        var refused = Assert.IsType<WriteOutcome.Refused>(outcome);
        Assert.Equal(2, refused.CommandIndex);
        Assert.Equal("name", refused.Rejections[0].Field);
        Assert.Equal(1, fixture.EntryCount());
        Assert.Empty(fixture.Store.Read(s => SitesProjection.List(s, operation)));
    }

    [SkippableFact]
    public void A_batch_is_closed_by_one_checkpoint()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var outcome = fixture.Store.Execute([StoreFixture.RegisterSite(operation, "A"), StoreFixture.RegisterSite(operation, "B")], StoreFixture.Officer);

        var receipts = Assert.IsType<WriteOutcome.Recorded>(outcome).Receipts;
        Assert.Equal(3, receipts[0].Checkpoint!.Sequence);
        Assert.Equal(receipts[0].Checkpoint, receipts[1].Checkpoint);
        Assert.Equal(2, fixture.Store.Read(s => s.Scalar<long>("SELECT count(*) FROM log_checkpoints")));
    }

    [SkippableFact]
    public void The_same_idempotency_key_and_content_returns_the_first_receipt_and_appends_nothing()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        var first = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), StoreFixture.Officer);
        var count = fixture.EntryCount();

        var retry = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), StoreFixture.Officer);

        var original = Assert.Single(Assert.IsType<WriteOutcome.Recorded>(first).Receipts);
        var replayed = Assert.Single(Assert.IsType<WriteOutcome.Recorded>(retry).Receipts);
        Assert.True(replayed.Replayed);
        Assert.Equal(original.Entries, replayed.Entries);
        Assert.Equal(original.Checkpoint, replayed.Checkpoint);
        Assert.Equal(count, fixture.EntryCount());
    }

    [SkippableFact]
    public void The_same_idempotency_key_with_different_content_is_a_conflict_and_appends_nothing()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), StoreFixture.Officer);
        var count = fixture.EntryCount();

        var conflict = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Other", key: "tablet-7:0001", fingerprint: [9]), StoreFixture.Officer);

        Assert.Equal("tablet-7:0001", Assert.IsType<WriteOutcome.KeyConflict>(conflict).Key);
        Assert.Equal(count, fixture.EntryCount());
    }

    [SkippableFact]
    public void The_same_idempotency_key_in_another_operation_is_another_key()
    {
        using var fixture = NewFixture();
        var aleppo = fixture.NewOperation("Aleppo 2016");
        var homs = fixture.NewOperation("Homs 2014");
        fixture.Store.Execute(StoreFixture.RegisterSite(aleppo, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), StoreFixture.Officer);

        var other = fixture.Store.Execute(StoreFixture.RegisterSite(homs, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), StoreFixture.Officer);

        var receipt = Assert.Single(Assert.IsType<WriteOutcome.Recorded>(other).Receipts);
        Assert.False(receipt.Replayed);
        Assert.Equal(homs.Value, receipt.OperationId);
        Assert.NotNull(fixture.Store.Read(s => SitesProjection.FindByName(s, homs, "Castello Road")));
    }

    [SkippableFact]
    public void The_same_idempotency_key_from_another_actor_is_another_key_and_reveals_nothing()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        var first = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), StoreFixture.Officer);
        var count = fixture.EntryCount();

        // Another officer's device happens to use the same key, for other content and for the same content.
        var conflicting = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Bustan al-Qasr", key: "tablet-7:0001", fingerprint: [9]), new Author("officer-2", "phone-3"));
        var sameContent = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), new Author("officer-3", "phone-4"));

        var theirs = Assert.Single(Assert.IsType<WriteOutcome.Recorded>(conflicting).Receipts);
        Assert.False(theirs.Replayed);
        Assert.Equal(count + 1, fixture.EntryCount());
        // The third actor's command is decided on its own: the name is taken, and the first receipt is not theirs to see.
        Assert.IsType<WriteOutcome.Refused>(sameContent);
        var replay = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Castello Road", key: "tablet-7:0001", fingerprint: [1, 2, 3]), StoreFixture.Officer);
        Assert.Equal(Assert.Single(Assert.IsType<WriteOutcome.Recorded>(first).Receipts).Entries, Assert.Single(Assert.IsType<WriteOutcome.Recorded>(replay).Receipts).Entries);
    }

    [SkippableFact]
    public void Concurrent_writers_leave_a_gapless_chain_that_verifies()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            Assert.IsType<WriteOutcome.Recorded>(fixture.Store.Execute(StoreFixture.RegisterSite(operation, $"Site {i}"), StoreFixture.Officer)));

        var sequences = fixture.Store.Read(s => s.Query("SELECT sequence FROM log_entries ORDER BY sequence", r => r.GetInt64(0)));
        Assert.Equal(Enumerable.Range(1, 65).Select(i => (long)i), sequences);
        var verification = fixture.Verify();
        Assert.True(verification.Succeeded, verification.FirstFailure?.ToString());
        Assert.Equal(65, verification.EntriesVerified);
    }

    [SkippableFact]
    public void Stores_in_separate_processes_appending_at_once_keep_one_gapless_chain_and_lose_nothing()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        // Each store has its own connections and its own in-process writer queue, as a second server
        // process on the same database would; only the database keeps them apart.
        using var second = fixture.Directory.OpenStore(TimeProvider.System);
        using var third = fixture.Directory.OpenStore(TimeProvider.System);
        LogStore[] stores = [fixture.Store, second, third];

        var outcomes = new WriteOutcome[90];
        Parallel.For(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = 9 }, i =>
            outcomes[i] = stores[i % stores.Length].Execute(
                [StoreFixture.RegisterSite(operation, $"Site {i}"), StoreFixture.RegisterSite(operation, $"Site {i} annex")],
                StoreFixture.Officer));

        Assert.All(outcomes, outcome => Assert.IsType<WriteOutcome.Recorded>(outcome));
        var sequences = fixture.Store.Read(s => s.Query("SELECT sequence FROM log_entries ORDER BY sequence", r => r.GetInt64(0)));
        Assert.Equal(Enumerable.Range(1, 181).Select(i => (long)i), sequences);
        var receipted = outcomes.SelectMany(o => ((WriteOutcome.Recorded)o).Receipts).SelectMany(r => r.Entries).Select(e => e.Sequence).Order();
        Assert.Equal(Enumerable.Range(2, 180).Select(i => (long)i), receipted);
        Assert.Equal(180, fixture.Store.Read(s => SitesProjection.List(s, operation)).Count);
        var verification = fixture.Verify();
        Assert.True(verification.Succeeded, verification.FirstFailure?.ToString());
    }

    [SkippableFact]
    public void Refused_batches_among_concurrent_writers_leave_the_others_recorded()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Taken"), StoreFixture.Officer);

        var outcomes = new WriteOutcome[64];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            outcomes[i] = fixture.Store.Execute(StoreFixture.RegisterSite(operation, i % 4 == 0 ? "taken" : $"Site {i}"), StoreFixture.Officer));

        Assert.Equal(16, outcomes.Count(o => o is WriteOutcome.Refused));
        Assert.Equal(48, outcomes.Count(o => o is WriteOutcome.Recorded));
        Assert.Equal(2 + 48, fixture.EntryCount());
        Assert.All(outcomes.OfType<WriteOutcome.Recorded>(), o => Assert.True(o.Receipts[0].Checkpoint!.Sequence >= o.Receipts[0].Entries[0].Sequence));
        Assert.True(fixture.Verify().Succeeded);
    }

    [SkippableFact]
    public async Task Asynchronous_writers_are_committed_in_groups_and_leave_a_gapless_chain()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            fixture.Store.ExecuteAsync([StoreFixture.RegisterSite(operation, $"Site {i}")], StoreFixture.Officer))));

        Assert.All(outcomes, o => Assert.IsType<WriteOutcome.Recorded>(o));
        var sequences = outcomes.Select(o => ((WriteOutcome.Recorded)o).Receipts[0].Entries[0].Sequence).Order();
        Assert.Equal(Enumerable.Range(2, 64).Select(i => (long)i), sequences);
        var verification = fixture.Verify();
        Assert.True(verification.Succeeded);
        Assert.True(verification.CheckpointsVerified <= 65);
    }

    [SkippableFact]
    public void Concurrent_retries_with_one_idempotency_key_record_once_and_share_the_receipt()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var outcomes = new WriteOutcome[16];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            outcomes[i] = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Gate", key: "tablet-3:17", fingerprint: [7]), StoreFixture.Officer));

        var receipts = outcomes.Select(o => Assert.Single(Assert.IsType<WriteOutcome.Recorded>(o).Receipts)).ToList();
        Assert.Single(receipts, r => !r.Replayed);
        Assert.All(receipts, r => Assert.Equal(receipts[0].Entries, r.Entries));
        Assert.All(receipts, r => Assert.NotNull(r.Checkpoint));
        Assert.Equal(2, fixture.EntryCount());
    }

    [SkippableFact]
    public void A_key_used_twice_in_one_batch_records_once_or_refuses_the_batch_if_the_contents_differ()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var twice = fixture.Store.Execute([StoreFixture.RegisterSite(operation, "Gate", key: "tablet-3:18", fingerprint: [7]), StoreFixture.RegisterSite(operation, "Gate", key: "tablet-3:18", fingerprint: [7])], StoreFixture.Officer);
        var count = fixture.EntryCount();
        var differing = fixture.Store.Execute([StoreFixture.RegisterSite(operation, "Hub", key: "tablet-3:19", fingerprint: [1]), StoreFixture.RegisterSite(operation, "Depot", key: "tablet-3:19", fingerprint: [2])], StoreFixture.Officer);
        var retry = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Gate", key: "tablet-3:18", fingerprint: [7]), StoreFixture.Officer);

        var receipts = Assert.IsType<WriteOutcome.Recorded>(twice).Receipts;
        Assert.False(receipts[0].Replayed);
        Assert.True(receipts[1].Replayed);
        Assert.Equal(receipts[0].Entries, receipts[1].Entries);
        Assert.Equal(receipts[0].Checkpoint, receipts[1].Checkpoint);
        Assert.Equal(1, Assert.IsType<WriteOutcome.KeyConflict>(differing).CommandIndex);
        Assert.Equal(count, fixture.EntryCount());
        // The key was stored once, with the receipt its batch was given, checkpoint included.
        var replayed = Assert.Single(Assert.IsType<WriteOutcome.Recorded>(retry).Receipts);
        Assert.Equal(receipts[0].Entries, replayed.Entries);
        Assert.Equal(receipts[0].Checkpoint, replayed.Checkpoint);
        Assert.Equal(1L, fixture.Store.Read(s => s.Scalar<long>("SELECT count(*) FROM idempotency_keys WHERE key = 'tablet-3:18'")));
    }

    [SkippableFact]
    public void A_keyed_passage_costs_the_writer_eleven_statements_and_two_per_tally_cell()
    {
        // What one tally costs the database (a round trip each on PostgreSQL): the key, the passage handler's
        // five reads, the log's head, the entry, the projections and the checkpoint, and the key once more.
        using var fixture = NewFixture();
        var operation = Server.Demo.DemoOperation.Load(fixture.Store, TimeProvider.System);
        var demo = fixture.Store.Read(s => LogReader.AllEntries(s).Where(e => e.Type == "passage.recorded.v1").Select(e => (Domain.Corridors.PassageRecorded)EventBodies.Read(e)).First());
        string[] ages = ["0-4", "5-11", "12-17", "18-59"];

        long Cost(int cells, string key)
        {
            var counts = ages.Take(cells).Select(age => new Domain.Corridors.PassageCountInput(demo.Counts[0].Category.Name(), "female", age, 2)).ToList();
            var command = Domain.Corridors.RecordPassage.From(operation, PassageId.New(TimeProvider.System), demo.CorridorId, demo.CheckpointId, "outbound", demo.OccurredAt.AddMinutes(1), counts, null, null, null, demo.OutOfWindow ? "late tally" : null, null, new Validation())!;
            var before = fixture.Store.WriterStatements;
            Assert.IsType<WriteOutcome.Recorded>(fixture.Store.Execute(new LogCommand(command, key, [1], command.OccurredAt), StoreFixture.Officer));
            return fixture.Store.WriterStatements - before;
        }

        var one = Cost(1, "tablet-7:cost-1");
        var four = Cost(4, "tablet-7:cost-4");

        Assert.Equal(11 + 2, one);
        Assert.Equal(11 + (2 * 4), four);
    }

    [SkippableFact]
    public void A_projection_whose_version_changed_is_rebuilt_from_the_log_before_the_store_serves_it()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Castello Road"), StoreFixture.Officer);
        var sites = fixture.Store.Read(s => SitesProjection.List(s, operation));
        // The new version of the sites projection is to be derived afresh: the rows it finds are not trusted.
        fixture.Store.WriteAside(s => s.Execute("DELETE FROM sites"));
        var bumped = new ProjectionSet([.. ProjectionSet.Default.Projections.Select(p => p is SitesProjection ? new NextVersion(p) : p)]);
        fixture.Reopen(bumped, out var refusal);

        if (Kind == StoreKind.Postgres)
        {
            // A shared database is changed only by the explicit step: the server refuses until it has run.
            Assert.Equal(["SitesProjection"], Assert.IsType<ProjectionsBehindException>(refusal).Projections);
            using var database = fixture.Directory.OpenDatabase();
            using var session = database.Open();
            Assert.Equal(["SitesProjection"], ProjectionReplay.BringUpToDate(session, database, bumped));
            fixture.Reopen(bumped, out refusal);
        }

        Assert.Null(refusal);
        Assert.Equal(sites, fixture.Store.Read(s => SitesProjection.List(s, operation)));
        Assert.Equal(2L, fixture.Store.Read(s => s.Scalar<long>("SELECT version FROM projection_versions WHERE projection = 'SitesProjection'")));
        Assert.True(fixture.Verify().Succeeded);
    }

    [SkippableFact]
    public void Rebuild_produces_tables_identical_to_the_incrementally_built_ones()
    {
        using var fixture = NewFixture();
        var clock = TimeProvider.System;
        Server.Demo.DemoOperation.Load(fixture.Store, clock);
        var other = fixture.NewOperation("Second operation");
        fixture.Store.Execute(StoreFixture.RegisterSite(other, "Lone site"), StoreFixture.Officer);
        var site = fixture.Store.Read(s => SitesProjection.FindByName(s, other, "Lone site"))!;
        var close = Domain.Sites.ChangeSiteStatus.From(other, site.Id, "closed", "shelling", new Validation())!;
        fixture.Store.Execute(new LogCommand(close), StoreFixture.Officer);
        var incremental = fixture.DumpProjections();

        var replayed = fixture.Store.Rebuild();

        Assert.Equal(fixture.EntryCount(), replayed);
        Assert.Equal(incremental, fixture.DumpProjections());
        Assert.Contains(incremental, row => row.Contains("closed | shelling", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Stream_versions_count_entries_per_stream()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Gate"), StoreFixture.Officer);
        var site = fixture.Store.Read(s => SitesProjection.FindByName(s, operation, "Gate"))!;
        foreach (var status in new[] { "closed", "active" })
        {
            var change = Domain.Sites.ChangeSiteStatus.From(operation, site.Id, status, "test", new Validation())!;
            fixture.Store.Execute(new LogCommand(change), StoreFixture.Officer);
        }

        var versions = fixture.Store.Read(s => LogReader.Entries(s, operation.Value).Where(e => e.Stream == $"site/{site.Id}").Select(e => e.StreamVersion).ToList());

        Assert.Equal([1L, 2L, 3L], versions);
    }

    [SkippableFact]
    public void Starting_a_stream_that_exists_is_refused_by_the_store_and_records_nothing()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        // Another name passes the decider, which only looks for a name in use; the stream's start must not.
        var restart = StoreFixture.CreateOperation(operation, "Again");

        Assert.ThrowsAny<System.Data.Common.DbException>(() => fixture.Store.Execute(restart, StoreFixture.Officer));

        Assert.Equal(1, fixture.EntryCount());
    }

    [SkippableFact]
    public void Every_event_body_holds_exactly_the_members_of_its_constructor()
    {
        // Computed members (a derived total, a schedule) must never leak into the signed record.
        using var fixture = NewFixture();
        Server.Demo.DemoOperation.Load(fixture.Store, TimeProvider.System);

        foreach (var entry in fixture.Store.Read(s => LogReader.AllEntries(s).ToList()))
        {
            var type = EventCatalog.Find(entry.Type)!.ClrType;
            var parameters = type.GetConstructors().Single().GetParameters().Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name!)).Order(StringComparer.Ordinal);
            using var body = System.Text.Json.JsonDocument.Parse(entry.Body);
            Assert.Equal(parameters, body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
    }

    [SkippableFact]
    public void Bodies_are_stored_as_canonical_json()
    {
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();

        var body = fixture.Store.Read(s => LogReader.Entries(s, operation.Value).Single().BodyText);

        Assert.StartsWith("{\"description\":\"\",\"name\":\"Aleppo 2016\",\"operationId\":", body, StringComparison.Ordinal);
        Assert.EndsWith("\"startDate\":\"2016-07-28\",\"timeZone\":\"Asia/Damascus\"}", body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_append_expects_the_stream_version_its_loader_read_and_decides_again_when_another_writer_took_it()
    {
        var attempts = 0;
        var handlers = CommandHandlers.Lifeline.Copy().On<CloseSiteInRace>((context, command) =>
        {
            attempts++;
            var stream = SiteDecider.Stream(command.SiteId);
            var version = context.StreamVersion(command.OperationId, stream);
            if (attempts == 1)
            {
                // Another writer appends to the site's stream after this loader read its version.
                context.Session.Execute(
                    "INSERT INTO log_entries (operation_id, sequence, id, type, stream, stream_version, actor, device, occurred_at, recorded_at, idempotency_key, body, previous_hash, hash) " +
                    "VALUES ($op, 1000000, $id, 'site.status-changed.v1', $stream, $version, 'other', 'other', 0, 0, NULL, $body, $hash, $hash)",
                    ("$op", command.OperationId.Value),
                    ("$id", Guid.NewGuid()),
                    ("$stream", stream),
                    ("$version", version + 1),
                    ("$body", "{}"u8.ToArray()),
                    ("$hash", new byte[32]));
            }

            return Decision.Accept(new PendingEvent(stream, new SiteStatusChanged(command.OperationId.Value, command.SiteId.Value, SiteStatus.Closed, "shelled")));
        });
        using var fixture = new StoreFixture(Kind, handlers: handlers);
        var operation = fixture.NewOperation();
        var site = Assert.IsType<WriteOutcome.Recorded>(fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Bustan al-Qasr"), StoreFixture.Officer)).Receipts[0].SubjectId!.Value;

        var outcome = fixture.Store.Execute(new LogCommand(new CloseSiteInRace(operation, new SiteId(site))), StoreFixture.Officer);

        // The first decision was made on a version that another writer took: it is decided again, and only the
        // second is recorded, as the version after the one its loader read.
        Assert.Equal(2, attempts);
        var entry = Assert.Single(Assert.IsType<WriteOutcome.Recorded>(outcome).Receipts[0].Entries);
        Assert.Equal(2, fixture.Store.Read(s => LogReader.Entries(s, operation.Value).Single(e => e.Sequence == entry.Sequence).StreamVersion));
        Assert.Equal(0L, fixture.Store.Read(s => s.Scalar<long>("SELECT count(*) FROM log_entries WHERE sequence = 1000000")));
        Assert.Equal(SiteStatus.Closed, fixture.Store.Read(s => SitesProjection.Find(s, operation, new SiteId(site)))!.Status);
        Assert.True(fixture.Verify().Succeeded);
    }

    [SkippableFact]
    public void A_handler_that_appends_to_a_stream_without_reading_its_version_is_a_programmer_error_and_records_nothing()
    {
        var handlers = CommandHandlers.Lifeline.Copy().On<CloseSiteInRace>((_, command) =>
            Decision.Accept(new PendingEvent(SiteDecider.Stream(command.SiteId), new SiteStatusChanged(command.OperationId.Value, command.SiteId.Value, SiteStatus.Closed, "shelled"))));
        using var fixture = new StoreFixture(Kind, handlers: handlers);
        var operation = fixture.NewOperation();
        var site = Assert.IsType<WriteOutcome.Recorded>(fixture.Store.Execute(StoreFixture.RegisterSite(operation, "Bustan al-Qasr"), StoreFixture.Officer)).Receipts[0].SubjectId!.Value;
        var entries = fixture.EntryCount();

        var error = Assert.Throws<InvalidOperationException>(() => fixture.Store.Execute(new LogCommand(new CloseSiteInRace(operation, new SiteId(site))), StoreFixture.Officer));

        Assert.Contains(nameof(CloseSiteInRace), error.Message, StringComparison.Ordinal);
        Assert.Contains(SiteDecider.Stream(new SiteId(site)), error.Message, StringComparison.Ordinal);
        Assert.Equal(entries, fixture.EntryCount());
    }

    [SkippableFact]
    public void A_connection_the_database_drops_is_opened_again_and_the_writes_and_reads_after_it_succeed()
    {
        Skip.If(Kind != StoreKind.Postgres, "only PostgreSQL can drop a connection under a running store");
        using var fixture = NewFixture();
        var operation = fixture.NewOperation();
        var writer = fixture.Store.WriteAside(session => session.Scalar<int>("SELECT pg_backend_pid()"));
        var reader = fixture.Store.Read(session => session.Scalar<int>("SELECT pg_backend_pid()"));

        // As a restart of PostgreSQL does to every connection, an administrator ends the store's two backends.
        using (var database = fixture.Directory.OpenDatabase())
        using (var admin = database.Open())
        {
            Assert.True(admin.Scalar<bool>("SELECT pg_terminate_backend(CAST($pid AS integer))", ("$pid", writer)));
            Assert.True(admin.Scalar<bool>("SELECT pg_terminate_backend(CAST($pid AS integer))", ("$pid", reader)));
        }

        // The write that meets the dropped connection had not sent its commit: it is decided again on a new one.
        var outcome = fixture.Store.Execute(StoreFixture.RegisterSite(operation, "After the restart"), StoreFixture.Officer);
        var sites = fixture.Store.Read(session => SitesProjection.List(session, operation));

        Assert.IsType<WriteOutcome.Recorded>(outcome);
        Assert.Equal(["After the restart"], sites.Select(s => s.Name));
        Assert.NotEqual(writer, fixture.Store.WriteAside(session => session.Scalar<int>("SELECT pg_backend_pid()")));
        Assert.True(fixture.Verify().Succeeded);
    }

    [SkippableFact]
    public void The_demos_personal_data_is_in_clear_in_no_table_no_log_entry_and_no_page_of_the_file()
    {
        using var fixture = NewFixture();
        Server.Demo.DemoOperation.Load(fixture.Store, TimeProvider.System);
        // A receipt's source, an issue's recipient, a delivery's receiver and an incident's narrative, as the demo records them.
        string[] personal = ["Government relief consignment", "Handed out at", "Helipad reception team", "Warehouse storekeeper", "Shot down on the return flight"];

        var found = fixture.Store.Read(session => personal.Where(text => Holds(session, text)).ToList());
        if (fixture.Store.Database is SqliteDatabase file)
        {
            var bytes = new[] { file.Path, file.Path + "-wal" }.Where(File.Exists).SelectMany(path =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }).ToArray();
            found.AddRange(personal.Where(text => bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0));
        }

        Assert.Empty(found);
        Assert.True(fixture.Store.Read(session => session.Scalar<long>("SELECT count(*) FROM person_keys")) > 0);
    }

    /// <summary>Whether any column of any table holds <paramref name="text"/>: text as text, bytes (entry bodies) as UTF-8.</summary>
    private static bool Holds(SqlSession session, string text)
    {
        var columns = session.IsPostgres
            ? session.Query(
                "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()",
                row => (Table: row.GetString(0), Column: row.GetString(1), Bytes: row.GetString(2) == "bytea"))
            : session.Query("SELECT name FROM sqlite_master WHERE type = 'table'", row => row.GetString(0))
                .SelectMany(table => session.Query($"SELECT name, type FROM pragma_table_info('{table}')", row => (Table: table, Column: row.GetString(0), Bytes: row.GetString(1) == "BLOB")))
                .ToList();
        return columns.Any(c => session.Scalar<long>(
            c.Bytes
                ? session.IsPostgres ? $"SELECT count(*) FROM \"{c.Table}\" WHERE position(convert_to($text, 'UTF8') in \"{c.Column}\") > 0" : $"SELECT count(*) FROM \"{c.Table}\" WHERE instr(\"{c.Column}\", CAST($text AS BLOB)) > 0"
                : $"SELECT count(*) FROM \"{c.Table}\" WHERE CAST(\"{c.Column}\" AS TEXT) LIKE '%' || $text || '%'",
            ("$text", text)) > 0);
    }

    /// <summary>A projection as its next version would be: the same tables and events, one version on.</summary>
    private sealed class NextVersion(IProjection current) : IProjection
    {
        public string Name => current.Name;

        public int Version => current.Version + 1;

        public IReadOnlyList<string> Tables => current.Tables;

        public void Create(SqlSession session) => current.Create(session);

        public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent) => current.Apply(session, entry, domainEvent);
    }

    /// <summary>A site closure whose handler a test writes, to stand another writer between the read and the append.</summary>
    private sealed record CloseSiteInRace(OperationId OperationId, SiteId SiteId) : IOperationCommand;

    private sealed class FailingProjection : IProjection
    {
        public int Version => 1;

        public IReadOnlyList<string> Tables => [];

        public void Create(SqlSession session)
        {
        }

        public void Apply(SqlSession session, LogEntry entry, IDomainEvent domainEvent) =>
            throw new InvalidOperationException("injected failure after the append");
    }
}

public sealed class SqliteLogStoreTests : LogStoreContract
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresLogStoreTests : LogStoreContract
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
