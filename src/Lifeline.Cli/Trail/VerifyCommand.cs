using System.CommandLine;
using Lifeline.Cli.Setup;
using Lifeline.Log.Signing;
using Lifeline.Storage;
using Lifeline.Storage.Projections;
using Lifeline.Storage.Verification;

namespace Lifeline.Cli.Trail;

/// <summary>
/// <c>lifeline verify</c>: recompute every hash and check every checkpoint signature; with <c>--projections</c>, also
/// check that the tables the pages and reports read are what the log makes of them.
/// </summary>
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
        var projections = new Option<bool>("--projections")
        {
            Description = "Also rebuild every projection from the log into a scratch database and compare it with the tables the pages and reports read, naming the first table and row that differ",
        };
        var command = new Command("verify", "Verify every entry's hash, every link and every checkpoint signature") { data, database, publicKey, projections };
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
            if (!result.GetValue(projections))
            {
                return ExitCodes.Ok;
            }

            var check = ProjectionCheck.Run(store, ProjectionSet.Default);
            if (check.FirstDifference is { } difference)
            {
                result.InvocationConfiguration.Error.WriteLine($"FAILED: {difference} in {store.Description}");
                return ExitCodes.Failed;
            }

            result.InvocationConfiguration.Output.WriteLine(
                $"Rebuilt {check.TablesCompared} projection tables from {check.EntriesReplayed} entries: all {check.RowsCompared} rows match the database");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
