using System.Net;
using System.Text;
using System.Text.Json;
using Lifeline.Server.Demo;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>Checkpoint tallies imported from CSV into the demo operation: whole files or nothing.</summary>
public sealed class ImportTests : IAsyncLifetime
{
    private const string Header = "meta/instanceID,corridor,checkpoint,occurred_at,direction,tally/civilians_female_18_59,tally/civilians_male_0_4,tally/wounded_and_sick_male_60plus";

    private LoopbackHost _host = null!;
    private Guid _operation;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync();
        _operation = DemoOperation.Load(_host.Store, TimeProvider.System).Value;
        _host.Coordinate(_operation);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Row(string id, string counts = "10,4,1", string corridor = "Bustan al-Qasr civilian corridor", string at = "2016-08-02T09:30:00+03:00") =>
        $"{id},{corridor},Bustan al-Qasr inner gate,{at},outbound,{counts}";

    private async Task<(HttpStatusCode Status, JsonElement Body)> Import(string csv) => await Import(Encoding.UTF8.GetBytes(csv));

    private async Task<(HttpStatusCode Status, JsonElement Body)> Import(byte[] csv, HttpClient? client = null)
    {
        using var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var response = await (client ?? _host.Client).PostAsync($"/operations/{_operation}/passages/import", content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private long Entries() => _host.Store.Read(s => s.Scalar<long>("SELECT count(*) FROM log_entries"));

    private static void AssertError(JsonElement problem, string key, string reason)
    {
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(key, out var messages), $"no error for '{key}' in {errors}");
        Assert.Equal(reason, messages[0].GetString());
    }

    [Fact]
    public async Task A_good_file_records_every_row_and_importing_it_again_records_nothing_twice()
    {
        var csv = $"{Header}\n{Row("uuid:a1")}\n{Row("uuid:a2", "3,0,0")}\n";
        var before = Entries();

        var (status, body) = await Import(csv);
        var (againStatus, again) = await Import(csv);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("recorded").GetInt32());
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal(0, again.GetProperty("recorded").GetInt32());
        Assert.Equal(2, again.GetProperty("alreadyImported").GetInt32());
        Assert.Equal(before + 2, Entries());
    }

    [Fact]
    public async Task A_submission_another_coordinator_already_imported_is_not_recorded_twice()
    {
        // Two coordinators each download the same KoboToolbox export and import it: the people passed once.
        var csv = Encoding.UTF8.GetBytes($"{Header}\n{Row("uuid:b1")}\n{Row("uuid:b2", "3,0,0")}\n");
        using var other = _host.ClientFor(Storage.Accounts.Role.Coordinator, _operation);
        var before = Entries();

        var (_, first) = await Import(csv);
        var (status, second) = await Import(csv, other);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, first.GetProperty("recorded").GetInt32());
        Assert.Equal(0, second.GetProperty("recorded").GetInt32());
        Assert.Equal(2, second.GetProperty("alreadyImported").GetInt32());
        Assert.Equal(before + 2, Entries());
    }

    [Fact]
    public async Task Wrong_columns_are_named_and_nothing_is_recorded()
    {
        var before = Entries();

        var (status, body) = await Import($"meta/instanceID,corridor,occurred_at,tally/civilians_female_18_59,colour\n{Row("uuid:b1")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "line 1: colour", "unknown column: expected corridor, checkpoint, occurred_at, direction, out_of_window_reason, vehicles, medical_evacuations, weapons_handed_in, meta/instanceID, or a count column such as civilians_female_18_59");
        AssertError(body, "line 1: checkpoint", "the column checkpoint is missing");
        Assert.Equal(before, Entries());
    }

    [Fact]
    public async Task A_negative_count_names_its_line_and_column_and_nothing_is_recorded()
    {
        var before = Entries();

        var (status, body) = await Import($"{Header}\n{Row("uuid:c1")}\n{Row("uuid:c2", "5,-2,0")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "line 3: tally/civilians_male_0_4", "a count is never negative, got -2; record a correction instead");
        Assert.Equal(before, Entries());
    }

    [Fact]
    public async Task An_unknown_corridor_names_its_line_and_nothing_is_recorded()
    {
        var before = Entries();

        var (status, body) = await Import($"{Header}\n{Row("uuid:d1")}\n{Row("uuid:d2", corridor: "Nowhere corridor")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "line 3: corridor", "no corridor 'Nowhere corridor' in this operation");
        Assert.Equal(before, Entries());
    }

    [Fact]
    public async Task A_bad_date_names_its_line_and_nothing_is_recorded()
    {
        var before = Entries();

        var (status, body) = await Import($"{Header}\n{Row("uuid:e1", at: "02/08/2016 09:30")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "line 2: occurred_at", "'02/08/2016 09:30' is not a date and time with an offset, e.g. 2016-07-29T09:30:00+03:00");
        Assert.Equal(before, Entries());
    }

    [Fact]
    public async Task Duplicate_submission_ids_in_one_file_are_named_and_nothing_is_recorded()
    {
        var before = Entries();

        var (status, body) = await Import($"{Header}\n{Row("uuid:f1")}\n{Row("uuid:f2")}\n{Row("uuid:f1", "1,1,1")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "line 4: meta/instanceID", "submission uuid:f1 is already on line 2");
        Assert.Equal(before, Entries());
    }

    [Fact]
    public async Task A_row_the_decider_refuses_names_its_line_and_the_whole_file_is_refused()
    {
        var before = Entries();

        // 23:00 in Damascus is outside the 08:00-16:00 window, and the row gives no reason.
        var (status, body) = await Import($"{Header}\n{Row("uuid:g1")}\n{Row("uuid:g2", at: "2016-08-02T23:00:00+03:00")}\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("line 3: out_of_window_reason", out _));
        Assert.Equal(before, Entries());
    }

    [Fact]
    public void A_50_MB_file_is_refused_whole()
    {
        var before = Entries();
        var row = Encoding.UTF8.GetBytes(Row("uuid:h") + "\n");
        var file = new byte[50 * 1024 * 1024];
        Encoding.UTF8.GetBytes(Header + "\n").CopyTo(file, 0);
        for (var at = Header.Length + 1; at + row.Length < file.Length; at += row.Length)
        {
            row.CopyTo(file, at);
        }

        // The file arrives as `lifeline passages import` reads it from disk.
        var outcome = Corridors.PassageImport.Import(_host.Store, new Domain.Primitives.OperationId(_operation), file, DemoOperation.Author, TimeProvider.System);

        Assert.Equal("line 0, file: the file is larger than the 16 MB an import may be; split it into smaller files", Assert.Single(outcome.Problems).ToString());
        Assert.Equal(before, Entries());
    }
}
