using Lifeline.Storage.Database;
using Lifeline.Storage.Protection;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Access;

/// <summary>
/// What one caller is shown of the personal data an operation holds (<see cref="SealedText"/>): the text to a
/// caller who may read personal data there (<see cref="Policies.ReadPersonalData"/>, coordinators), nothing to
/// anyone else — partner observers, auditors and officers see that a value is withheld, never the value.
/// </summary>
public sealed class PersonalView
{
    private readonly PersonalData? _keys;
    private readonly bool _mayRead;

    private PersonalView(PersonalData? keys, bool mayRead)
    {
        _keys = keys;
        _mayRead = mayRead;
    }

    /// <summary>The view of the caller of <paramref name="context"/> in <paramref name="operationId"/>.</summary>
    public static PersonalView For(HttpContext context, LogStore store, Guid operationId) =>
        new(store.PersonalData, Caller.Of(context)?.Holds(Policies.Holders[Policies.ReadPersonalData], operationId) == true);

    /// <summary>
    /// A stored value as this caller is shown it: text that was never sealed as it is; sealed text opened for a
    /// caller who may read it; otherwise null (withheld, or erased with its record's key).
    /// </summary>
    public string? Show(SqlSession session, string stored) =>
        !SealedText.IsSealed(stored) ? stored
        : _mayRead && _keys is { } keys ? SealedText.Open(keys, session, stored)
        : null;
}
