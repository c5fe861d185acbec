using System.Net.Http.Json;
using System.Text;
using Lifeline.Log.Chain;
using Lifeline.Log.Signing;
using Lifeline.Log.Verification;
using Lifeline.Server.Trail;
using Lifeline.Testing;

namespace Lifeline.Server.Tests;

/// <summary>A partner downloads the log over HTTP and verifies it with nothing but the published public key.</summary>
public class TrailTests
{
    [Fact]
    public async Task A_partner_can_verify_the_downloaded_log_against_the_public_key()
    {
        await using var host = await LoopbackHost.StartAsync();
        var operation = await host.CreateOperationAsync();
        await host.Client.PostAsJsonAsync($"/operations/{operation}/sites", new { name = "Ramouseh crossing", kind = "checkpoint", location = new { latitude = 36.1642, longitude = 37.1535 } });

        var key = await host.Client.GetFromJsonAsync<PublicKeyResponse>("/log/public-key");
        var page = await host.Client.GetFromJsonAsync<LogPage>($"/operations/{operation}/log?from=1&limit=1000");

        var entries = page!.Entries.Select(e => new LogEntry(
            operation,
            e.Sequence,
            e.Id,
            e.Type,
            e.Stream,
            e.StreamVersion,
            e.Actor,
            e.Device,
            e.OccurredAt,
            e.RecordedAt,
            e.IdempotencyKey,
            Encoding.UTF8.GetBytes(e.Body.GetRawText()),
            Convert.FromHexString(e.PreviousHash),
            Convert.FromHexString(e.Hash))).ToList();
        var latest = page.LatestCheckpoint!;
        var checkpoint = new Checkpoint(operation, latest.Sequence, Convert.FromHexString(latest.HeadHash), latest.SignedAt, latest.KeyId, Convert.FromBase64String(latest.Signature));

        // Only the latest checkpoint is downloaded: it alone vouches for the whole chain before it.
        var verification = new LogVerifier(CheckpointPublicKey.Parse(key!.PublicKey)).Verify(operation, entries, [checkpoint]);

        Assert.True(verification.Succeeded, verification.Failure?.ToString());
        Assert.Equal(2, verification.EntriesVerified);
        Assert.Equal($"user:{host.AdministratorId}", entries[1].Actor);
    }
}
