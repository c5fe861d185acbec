using Lifeline.Domain.Primitives;
using Lifeline.Storage.Database;
using Lifeline.Storage.Projections;
using Lifeline.Storage.Writing;
using Lifeline.Testing;

namespace Lifeline.Storage.Tests;

/// <summary>Which store a contract test runs against.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A real data directory in a temporary folder, with its store on a real SQLite file or in a throwaway schema
/// on the PostgreSQL test server, and helpers to record commands.
/// </summary>
internal sealed class StoreFixture : IDisposable
{
    public static readonly Author Officer = new("officer-1", "tablet-7");

    private readonly TestPostgres.Schema? _schema;

    public StoreFixture(ProjectionSet? projections = null)
        : this(StoreKind.Sqlite, projections)
    {
    }

    public StoreFixture(StoreKind kind, ProjectionSet? projections = null, TimeProvider? clock = null, CommandHandlers? handlers = null)
    {
        Kind = kind;
        Clock = clock ?? TimeProvider.System;
        _schema = kind == StoreKind.Postgres ? TestPostgres.CreateSchema() : null;
        Directory = DataDirectory.Initialize(System.IO.Path.Combine(Temp.Path, "data"), Clock, _schema?.ConnectionString);
        if (projections is not null && kind == StoreKind.Postgres)
        {
            // A shared database's projections are brought up to date by the explicit step, as `lifeline migrate` does.
            using var database = Directory.OpenDatabase();
            using var session = database.Open();
            ProjectionReplay.BringUpToDate(session, database, projections);
        }

        Store = new LogStore(Directory.OpenDatabase(), Lifeline.Log.Signing.ServerKey.Load(Directory.KeyPath), Clock, projections, handlers: handlers, personalData: Directory.OpenPersonalData());
    }

    public StoreKind Kind { get; }

    public TimeProvider Clock { get; }

    public TempDirectory Temp { get; } = new();

    public DataDirectory Directory { get; }

    public LogStore Store { get; private set; }

    public static LogCommand CreateOperation(OperationId id, string name, string? key = null, byte[]? fingerprint = null)
    {
        var command = Domain.Operations.CreateOperation.From(id, name, "", new DateOnly(2016, 7, 28), "Asia/Damascus", new Validation())!;
        return new LogCommand(command, key, fingerprint);
    }

    public static LogCommand RegisterSite(OperationId operation, string name, double latitude = 36.19, string? key = null, byte[]? fingerprint = null)
    {
        var command = Domain.Sites.RegisterSite.From(operation, SiteId.New(TimeProvider.System), name, "checkpoint", latitude, 37.14, null, new Validation())!;
        return new LogCommand(command, key, fingerprint);
    }

    public OperationId NewOperation(string name = "Aleppo 2016")
    {
        var id = OperationId.New(TimeProvider.System);
        Assert.IsType<WriteOutcome.Recorded>(Store.Execute(CreateOperation(id, name), Officer));
        return id;
    }

    public long EntryCount() => Store.Read(s => s.Scalar<long>("SELECT count(*) FROM log_entries"));

    /// <summary>Every row of every projection table, in a stable order, as text.</summary>
    public List<string> DumpProjections() => Store.Read(session =>
    {
        var rows = new List<string>();
        foreach (var table in ProjectionSet.Default.Tables)
        {
            using var reader = session.Command($"SELECT * FROM {table} ORDER BY 1").ExecuteReader();
            while (reader.Read())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add($"{table}: {string.Join(" | ", values.Select(v => v is byte[] b ? Convert.ToHexString(b) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))}");
            }
        }

        // Rows in one order whatever order the database returns rows with equal first columns in.
        rows.Sort(StringComparer.Ordinal);
        return rows;
    });

    /// <summary>Closes every connection so the WAL is folded into the database file.</summary>
    public void Close()
    {
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public void Reopen() => Store = Directory.OpenStore(TimeProvider.System);

    /// <summary>Closes the store and opens it again keeping <paramref name="projections"/>; a refusal to open is returned, the old store kept.</summary>
    public void Reopen(ProjectionSet projections, out Exception? refusal)
    {
        Close();
        try
        {
            Store = new LogStore(Directory.OpenDatabase(), Lifeline.Log.Signing.ServerKey.Load(Directory.KeyPath), Clock, projections, personalData: Directory.OpenPersonalData());
            refusal = null;
        }
        catch (ProjectionsBehindException exception)
        {
            Store = Directory.OpenStore(Clock);
            refusal = exception;
        }
    }

    /// <summary>Verifies the store's database as <c>lifeline verify</c> does.</summary>
    public Verification.StoreVerification Verify(Lifeline.Log.Signing.CheckpointPublicKey? key = null)
    {
        using var database = Directory.OpenDatabase();
        return Verification.StoreVerification.Run(database, key ?? Store.PublicKey);
    }

    /// <summary>Compares the projections with a rebuild from the log, as <c>lifeline verify --projections</c> does.</summary>
    public Verification.ProjectionCheckResult CheckProjections()
    {
        using var database = Directory.OpenDatabase();
        return Verification.ProjectionCheck.Run(database, ProjectionSet.Default);
    }

    /// <summary>Runs SQL straight against the database, behind the store's back, as an attacker with access would.</summary>
    public void Tamper(string sql, params (string Name, object? Value)[] parameters)
    {
        using var database = Directory.OpenDatabase();
        using var session = database.Open();
        session.Execute(sql, parameters);
    }

    public void Dispose()
    {
        Store.Dispose();
        Temp.Dispose();
        _schema?.Dispose();
    }

    public static SqlSession OpenSession(string path) => new(SqliteFile.Open(path));
}
