using System.CommandLine;
using Lifeline.Cli.Access;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Storage;
using Lifeline.Storage.Accounts;
using Lifeline.Storage.Writing;

namespace Lifeline.Cli.Setup;

/// <summary><c>lifeline init</c>, <c>rebuild</c> and <c>public-key</c>: setting up and looking after a data directory.</summary>
public static class SetupCommands
{
    public static readonly Author CliAuthor = new(Environment.UserName is { Length: > 0 } user ? $"cli:{user}" : "cli", "lifeline-cli");

    public static Option<string> DataOption(bool required = true) => new("--data")
    {
        Description = "The data directory (database, signing key)",
        Required = required,
    };

    /// <summary>
    /// The shared database, for the commands where it is chosen: later commands find it in the data directory
    /// (or in <c>LIFELINE_DATABASE</c>), so that every other command needs only <c>--data</c>.
    /// </summary>
    public static Option<string?> DatabaseOption(string description) => new("--database") { Description = description };

    public static Command Init(TimeProvider clock)
    {
        var data = DataOption();
        var database = DatabaseOption("A shared PostgreSQL database (postgres://user:password@host:port/database) to keep the log in, instead of the data directory's own SQLite file; it is migrated now and remembered in the data directory");
        var operation = new Option<string>("--operation") { Description = "The name of the operation to create", Required = true };
        var timeZone = new Option<string>("--time-zone") { Description = "The operation's IANA time zone", DefaultValueFactory = _ => "UTC" };
        var startDate = new Option<string?>("--start-date") { Description = "The operation's start date, yyyy-MM-dd (default: today)" };
        var description = new Option<string?>("--description") { Description = "What the operation is" };
        var administrator = new Option<string>("--administrator") { Description = "The username of the first administrator, whose password is printed once", DefaultValueFactory = _ => "admin" };
        var command = new Command("init", "Create a data directory with a new signing key, an operation and its first administrator") { data, database, operation, timeZone, startDate, description, administrator };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var output = result.InvocationConfiguration.Output;
            var start = ParseDate(result.GetValue(startDate), "--start-date") ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var validation = new Validation();
            var create = CreateOperation.From(OperationId.New(clock), result.GetValue(operation), result.GetValue(description), start, result.GetValue(timeZone), validation);
            if (create is null)
            {
                throw new UsageException(string.Join("; ", validation.Rejections.Select(r => $"--{Kebab(r.Field)}: {r.Reason}")));
            }

            var adminName = result.GetRequiredValue(administrator);
            if (Accounts.UsernameRefusal(adminName) is { } badName)
            {
                throw new UsageException($"--administrator: {badName}");
            }

            var directory = DataDirectory.Initialize(result.GetRequiredValue(data), clock, result.GetValue(database));
            using var held = directory.Lock();
            using var store = directory.OpenStore(clock);
            var outcome = store.Execute(new LogCommand(create), CliAuthor);
            if (outcome is not WriteOutcome.Recorded { Receipts: [var receipt] })
            {
                result.InvocationConfiguration.Error.WriteLine($"error: {outcome}");
                return ExitCodes.Failed;
            }

            output.WriteLine($"Initialised {directory.Path}; the log is kept in {directory.DatabaseDescription}");
            output.WriteLine($"Operation '{create.Name}' ({create.OperationId}), recorded as entry {receipt.Entries[0].Sequence} with hash {receipt.Entries[0].Hash}");
            output.WriteLine($"Signing key {store.PublicKey.KeyId}; public key (Ed25519, base64): {store.PublicKey.Base64}");
            var password = Users.GeneratePassword(adminName);
            var admin = Users.Add(store, adminName, password, administrator: true, clock.GetUtcNow()).Account!;
            output.WriteLine($"Administrator '{admin.Username}' ({admin.Id}); add users with 'lifeline users add'");
            UserCommands.PrintPassword(output, admin.Username, password);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command Rebuild(TimeProvider clock)
    {
        var data = DataOption();
        var database = DatabaseOption("The shared database, if not the one the data directory names");
        var command = new Command("rebuild", "Drop every projection and rebuild it from the log") { data, database };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var directory = DataDirectory.Open(result.GetRequiredValue(data), result.GetValue(database));
            using var held = directory.Lock();
            using var store = directory.OpenStore(clock);
            var replayed = store.Rebuild();
            result.InvocationConfiguration.Output.WriteLine($"Rebuilt all projections from {replayed} log entries in {directory.DatabaseDescription}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    public static Command PublicKey()
    {
        var data = DataOption();
        var command = new Command("public-key", "Print the public key that checks this server's signed checkpoints") { data };
        command.SetAction(result => CliErrors.Guard(result.InvocationConfiguration.Error, () =>
        {
            var key = DataDirectory.Open(result.GetRequiredValue(data)).ReadPublicKey();
            result.InvocationConfiguration.Output.WriteLine($"{key.Base64}  (Ed25519, key id {key.KeyId})");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static DateOnly? ParseDate(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{option}: '{text}' is not a date in the form yyyy-MM-dd");
    }

    private static string Kebab(string field) => field switch
    {
        "name" => "operation",
        "timeZone" => "time-zone",
        "startDate" => "start-date",
        _ => field,
    };
}
