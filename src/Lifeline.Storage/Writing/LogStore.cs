using Lifeline.Log.Signing;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;
using Lifeline.Storage.Protection;

namespace Lifeline.Storage.Writing;

/// <summary>
/// The store of operation logs and their projections, on SQLite or PostgreSQL. Every batch of commands is
/// decided, appended, projected and checkpointed in one transaction by the one writer (<see cref="LogWriter"/>):
/// a crash can never leave the log and its projections apart. Reads run on sessions of their own.
/// </summary>
public sealed class LogStore : IDisposable
{
    private readonly LogWriter _writer;
    private readonly ReadSessions _readers;
    private readonly ServerKey _key;
    private readonly ProjectionSet _projections;

    /// <summary>
    /// Opens a store on <paramref name="database"/>, migrating the embedded file (and rebuilding any projection
    /// whose version changed) or refusing a shared database whose schema or projections are not current. The store takes ownership of <paramref name="database"/> and <paramref name="key"/>.
    /// </summary>
    /// <exception cref="SchemaTooNewException">The database was migrated by a newer Lifeline.</exception>
    /// <exception cref="SchemaBehindException">A shared database needs <c>lifeline migrate</c> first.</exception>
    /// <exception cref="ProjectionsBehindException">A shared database's projections need <c>lifeline migrate</c> first.</exception>
    /// <param name="database">Where the log and projections live.</param>
    /// <param name="key">The server's signing key.</param>
    /// <param name="clock">The time entries are recorded at.</param>
    /// <param name="projections">The projections kept up to date (default: all of Lifeline's).</param>
    /// <param name="entropy">The random bits of entry ids; seeded, a scenario recorded twice gives the same entries.</param>
    /// <param name="handlers">The commands the store decides (default: all of Lifeline's).</param>
    /// <param name="personalData">The keys that seal personal data before it is recorded, which the store then owns; without them a command carrying personal text fails.</param>
    public LogStore(StoreDatabase database, ServerKey key, TimeProvider clock, ProjectionSet? projections = null, Random? entropy = null, CommandHandlers? handlers = null, PersonalData? personalData = null)
    {
        PersonalData = personalData;
        Database = database;
        _key = key;
        _projections = projections ?? ProjectionSet.Default;
        var session = database.Open();
        try
        {
            if (database.MigratesOnOpen)
            {
                Migrations.Apply(session, database.Description, clock);
                ProjectionReplay.BringUpToDate(session, database, _projections);
            }
            else
            {
                Migrations.RequireCurrent(session, database.Description);
                if (ProjectionReplay.Stale(session, _projections) is { Count: > 0 } stale)
                {
                    throw new ProjectionsBehindException(database.Description, stale);
                }
            }
        }
        catch
        {
            session.Dispose();
            throw;
        }

        _writer = new LogWriter(database, session, key, clock, _projections, handlers ?? CommandHandlers.Lifeline, personalData, entropy);
        _readers = new ReadSessions(database);
    }

    public StoreDatabase Database { get; }

    /// <summary>The keys that seal and open personal data (<see cref="SealedText"/>), if the store was given them.</summary>
    public PersonalData? PersonalData { get; }

    public CheckpointPublicKey PublicKey => _key.PublicKey;

    /// <summary>
    /// How many SQL statements the writer has sent since the store opened (not counting each transaction's
    /// begin and commit): what writes cost the database, for an operator watching the store.
    /// </summary>
    public long WriterStatements => _writer.Statements;

    /// <summary>Decides and records one command on its operation's log, covered by a signed checkpoint.</summary>
    public WriteOutcome Execute(LogCommand command, Author author) => Execute([command], author);

    /// <summary>As <see cref="Execute(LogCommand, Author)"/>, waiting for the writer without holding a thread.</summary>
    public Task<WriteOutcome> ExecuteAsync(LogCommand command, Author author, CancellationToken cancellation = default) =>
        ExecuteAsync([command], author, cancellation);

    /// <summary>
    /// Decides and records a batch of commands on one log, all or nothing, covered by a signed checkpoint;
    /// batches that arrive together share one commit and one signature.
    /// </summary>
    public WriteOutcome Execute(IReadOnlyList<LogCommand> commands, Author author) => _writer.Execute(commands, author);

    /// <summary>As <see cref="Execute(IReadOnlyList{LogCommand}, Author)"/>, waiting for the writer without holding a thread.</summary>
    public Task<WriteOutcome> ExecuteAsync(IReadOnlyList<LogCommand> commands, Author author, CancellationToken cancellation = default) =>
        _writer.ExecuteAsync(commands, author, cancellation);

    /// <summary>Runs a query against the projections on a pooled connection of its own (not the writer's).</summary>
    public T Read<T>(Func<SqlSession, T> query) => _readers.Read(query);

    /// <summary>
    /// Changes tables that sit beside the log (accounts, credentials, personal-data keys) in one transaction
    /// on the store's writer, so that they never race an append. Nothing here enters the log.
    /// </summary>
    public T WriteAside<T>(Func<SqlSession, T> change) => _writer.InTransaction(change);

    /// <summary>
    /// Makes deleted rows of <paramref name="table"/> as hard to recover as the database allows. SQLite
    /// (which overwrote them, with <c>secure_delete</c>) copies the write-ahead log into the file and empties
    /// it, so no older page survives there; PostgreSQL rewrites the table without the dead rows (its WAL
    /// segments and any archive keep them until recycled, which the operator's retention must cover).
    /// </summary>
    public void PurgeDeleted(string table) =>
        _writer.Exclusive(session => session.Execute(session.IsPostgres ? $"VACUUM FULL {table}" : "PRAGMA wal_checkpoint(TRUNCATE)"));

    /// <summary>Drops every projection table and replays the whole log into new ones, in one transaction.</summary>
    /// <returns>The number of entries replayed.</returns>
    public long Rebuild() => _writer.Exclusive(session => ProjectionReplay.Rebuild(session, Database, _projections));

    public void Dispose()
    {
        _writer.Dispose();
        _readers.Dispose();
        _key.Dispose();
        PersonalData?.Dispose();
        Database.Dispose();
    }
}
