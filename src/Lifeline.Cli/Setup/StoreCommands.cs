using System.CommandLine;
using Lifeline.Log.Signing;
using Lifeline.Storage;
using Lifeline.Storage.Copying;
using Lifeline.Storage.Database;

namespace Lifeline.Cli.Setup;

/// <summary><c>lifeline migrate</c> and <c>copy</c>: looking after where the log is kept.</summary>
public static class StoreCommands
{
    public static Command Migrate(TimeProvider clock)
    {
        var data = SetupCommands.DataOption();
        var database = SetupCommands.DatabaseOption("The shared database, if not the one the data directory names");
        var command = new Command("migrate", "Bring the database's schema up to date (an explicit step for a shared database; safe to run twice)") { data, database };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var directory = DataDirectory.Open(result.GetRequiredValue(data), result.GetValue(database));
            using var held = directory.Lock();
            var applied = directory.Migrate(clock);
            result.InvocationConfiguration.Output.WriteLine(applied.Count == 0
                ? $"{directory.DatabaseDescription} is already at schema version {Migrations.Latest}"
                : $"Migrated {directory.DatabaseDescription} to schema version {Migrations.Latest} (applied {string.Join(", ", applied)})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Copy(TimeProvider clock)
    {
        var from = new Option<string>("--from") { Description = "The store to copy from: sqlite:PATH or postgres://…", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy to: postgres://… or sqlite:PATH; it must not hold the operations copied", Required = true };
        var operation = new Option<Guid[]>("--operation") { Description = "Copy only this operation (by id; repeatable); default: every operation", AllowMultipleArgumentsPerToken = true };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "Verify the copy against this base64 Ed25519 key (default: the server.key beside an SQLite source)",
        };
        var command = new Command("copy", "Copy operations between stores, byte for byte, rebuild the destination's projections and verify the copy") { from, to, operation, publicKey };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            using var source = Open(result.GetRequiredValue(from), "--from");
            using var destination = Open(result.GetRequiredValue(to), "--to");
            var key = Key(result.GetValue(publicKey), source);
            try
            {
                var copied = LogCopy.Copy(source, destination, result.GetValue(operation) ?? [], key, clock);
                var output = result.InvocationConfiguration.Output;
                output.WriteLine($"Copied {copied.Logs.Count} operation log(s), {copied.Entries} entries and {copied.Checkpoints} signed checkpoints from {source.Description} to {destination.Description}; every entry hash and checkpoint matches the source");
                output.WriteLine(copied.Verification is { } verified
                    ? $"Verified {verified.EntriesVerified} entries and {verified.CheckpointsVerified} signed checkpoints in the copy with key {key!.KeyId}"
                    : "Signatures not checked: pass --public-key to verify the copy against the operation's key");
                return ExitCodes.Ok;
            }
            catch (CopyException exception)
            {
                result.InvocationConfiguration.Error.WriteLine($"error: {exception.Message}");
                return ExitCodes.Failed;
            }
        }));
        return command;
    }

    private static StoreDatabase Open(string value, string option)
    {
        try
        {
            return StoreDatabase.Parse(value);
        }
        catch (FormatException exception)
        {
            throw new UsageException($"{option}: {exception.Message}");
        }
    }

    private static CheckpointPublicKey? Key(string? given, StoreDatabase source)
    {
        if (given is not null)
        {
            try
            {
                return CheckpointPublicKey.Parse(given);
            }
            catch (FormatException exception)
            {
                throw new UsageException($"--public-key: {exception.Message}");
            }
        }

        if (source is SqliteDatabase file && Path.Combine(Path.GetDirectoryName(file.Path)!, "server.key") is var keyPath && File.Exists(keyPath))
        {
            using var key = ServerKey.Load(keyPath);
            return key.PublicKey;
        }

        return null;
    }
}
