using System.CommandLine;
using Lifeline.Cli.Setup;
using Lifeline.Log.Signing;
using Lifeline.Storage;
using Lifeline.Storage.Verification;

namespace Lifeline.Cli.Trail;

/// <summary><c>lifeline verify</c>: recompute every hash and check every checkpoint signature.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var data = SetupCommands.DataOption();
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "Check signatures against this base64 Ed25519 key instead of the data directory's own (a partner passes the key the operation published)",
        };
        var database = SetupCommands.DatabaseOption("The shared database, if not the one the data directory names");
        var command = new Command("verify", "Verify every entry's hash, every link and every checkpoint signature") { data, database, publicKey };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var directory = DataDirectory.Open(result.GetRequiredValue(data), result.GetValue(database));
            CheckpointPublicKey key;
            if (result.GetValue(publicKey) is { } given)
            {
                try
                {
                    key = CheckpointPublicKey.Parse(given);
                }
                catch (FormatException exception)
                {
                    throw new UsageException($"--public-key: {exception.Message}");
                }
            }
            else
            {
                key = directory.ReadPublicKey();
            }

            using var store = directory.OpenDatabase();
            var verification = StoreVerification.Run(store, key);
            if (verification.FirstFailure is { } failure)
            {
                result.InvocationConfiguration.Error.WriteLine($"FAILED: {failure} [{failure.Kind.ToString().ToLowerInvariant()}] in {store.Description}");
                return ExitCodes.Failed;
            }

            result.InvocationConfiguration.Output.WriteLine(
                $"Verified {verification.EntriesVerified} entries and {verification.CheckpointsVerified} signed checkpoints in {verification.Logs.Count} operation log(s) with key {key.KeyId}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
