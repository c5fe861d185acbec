using Lifeline.Domain.Primitives;
using Lifeline.Server.Corridors;
using Lifeline.Server.Demo;
using Lifeline.Storage;
using Lifeline.Storage.Writing;

namespace Lifeline.Fuzz;

/// <summary>
/// The passage CSV import against the demo operation in a scratch SQLite store: every file must come back as an
/// <see cref="ImportOutcome"/> (recorded, or refused with line and column); an exception would be a 500.
/// </summary>
internal sealed class PassageImportTarget : ITarget
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lifeline-fuzz-").FullName;
    private readonly LogStore _store;
    private readonly OperationId _operation;

    public PassageImportTarget()
    {
        _store = DataDirectory.Initialize(Path.Combine(_directory, "data"), TimeProvider.System).OpenStore(TimeProvider.System);
        _operation = DemoOperation.Load(_store, TimeProvider.System);
    }

    public void Run(byte[] input) => PassageImport.Import(_store, _operation, input, DemoOperation.Author, TimeProvider.System);

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
