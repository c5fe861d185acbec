using System.Text.Json;
using Lifeline.Storage.Database;

namespace Lifeline.Storage.Writing;

/// <summary>
/// Who sent a key, and where: a key belongs to one actor in one operation's log, or to the whole operation
/// (<see cref="WholeOperation"/>) when it names something every actor shares, such as a field submission.
/// </summary>
internal readonly record struct KeyOwner(Guid LogId, string Actor, string Key)
{
    /// <summary>The owner recorded for an operation-wide key; no actor is ever named so.</summary>
    public const string WholeOperation = "(operation)";
}

/// <summary>A key's first use: what the client sent (its fingerprint) and the receipt it was given.</summary>
internal sealed record KeyUse(byte[] Fingerprint, Receipt Receipt);

/// <summary>
/// The keys clients send with their writes. A retry with the same key and fingerprint returns the first
/// receipt; the same key from another actor or in another operation is another key and reveals nothing.
/// A key is stored once, with its final receipt, when its group is signed.
/// </summary>
internal static class IdempotencyKeys
{
    private static readonly JsonSerializerOptions ReceiptJson = new(JsonSerializerDefaults.Web);

    public static KeyUse? Find(SqlSession session, KeyOwner owner)
    {
        using var reader = session.Command(
            "SELECT fingerprint, receipt FROM idempotency_keys WHERE operation_id = $op AND actor = $actor AND key = $key",
            ("$op", owner.LogId),
            ("$actor", owner.Actor),
            ("$key", owner.Key)).ExecuteReader();
        return reader.Read() ? new KeyUse((byte[])reader.GetValue(0), JsonSerializer.Deserialize<Receipt>(reader.GetString(1), ReceiptJson)!) : null;
    }

    public static void Store(SqlSession session, KeyOwner owner, KeyUse use) => session.Execute(
        "INSERT INTO idempotency_keys (operation_id, actor, key, fingerprint, receipt) VALUES ($op, $actor, $key, $fingerprint, $receipt)",
        ("$op", owner.LogId),
        ("$actor", owner.Actor),
        ("$key", owner.Key),
        ("$fingerprint", use.Fingerprint),
        ("$receipt", JsonSerializer.Serialize(use.Receipt, ReceiptJson)));
}
