namespace Lifeline.Storage.Database;

/// <summary>
/// Running sums in 64-bit integer columns (thousandths on hand, grams moved per day). PostgreSQL refuses a sum
/// past 2^63; SQLite would quietly store it as a REAL, which reads back rounded, then as the wrong integer.
/// These expressions make SQLite refuse it as well: the sum becomes NULL, which the column's NOT NULL refuses,
/// so the write fails and rolls back instead of keeping a wrong number.
/// </summary>
public static class CheckedSums
{
    private const string Largest = "9223372036854775807";

    /// <summary>SQL for <paramref name="current"/> + <paramref name="added"/>, where <paramref name="added"/> is never negative.</summary>
    public static string Add(string current, string added) =>
        $"CASE WHEN {added} > {Largest} - {current} THEN NULL ELSE {current} + {added} END";

    /// <summary>SQL for <paramref name="current"/> + <paramref name="added"/>, where <paramref name="added"/> may be negative.</summary>
    /// <remarks>Nested cases, because PostgreSQL does not promise to evaluate AND from left to right.</remarks>
    public static string AddSigned(string current, string added) =>
        $"CASE WHEN {added} > 0 THEN {Add(current, added)} WHEN {current} < -{Largest} - {added} THEN NULL ELSE {current} + {added} END";
}
