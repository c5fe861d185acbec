using Lifeline.Storage;
using Lifeline.Storage.Database;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lifeline.Cli.Setup;

/// <summary>
/// The one place where failures the operator can act on become a message on standard error and an exit
/// code. Anything else is a bug and is left to crash loudly.
/// </summary>
public static class CliErrors
{
    public static async Task<int> Guard(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (DataDirectoryException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.DataDirectory;
        }
        catch (SchemaTooNewException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.DataDirectory;
        }
        catch (SchemaBehindException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.DataDirectory;
        }
        catch (ProjectionsBehindException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.DataDirectory;
        }
        catch (NpgsqlException exception) when (exception is not PostgresException || exception is PostgresException { SqlState: ['2', '8', ..] or ['3', 'D', ..] })
        {
            // Unreachable server, refused credentials or a missing database: the operator's to fix, not a bug.
            await error.WriteLineAsync($"error: cannot use the PostgreSQL database ({exception.Message})");
            return ExitCodes.DataDirectory;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6)
        {
            await error.WriteLineAsync($"error: the database is locked by another process ({exception.Message})");
            return ExitCodes.DataDirectory;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 11 or 26)
        {
            await error.WriteLineAsync($"error: the database file is damaged or is not a Lifeline database ({exception.Message})");
            return ExitCodes.DataDirectory;
        }
        catch (UsageException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ExitCodes.Usage;
        }
    }

    public static int Guard(TextWriter error, Func<int> action) =>
        Guard(error, () => Task.FromResult(action())).GetAwaiter().GetResult();
}

/// <summary>An argument is well formed for the parser but wrong for Lifeline; the message names it.</summary>
public sealed class UsageException(string message) : Exception(message);
