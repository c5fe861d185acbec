namespace Lifeline.Storage.Projections;

/// <summary>
/// The form of a name used to find duplicates: "Bustan al-Qasr" and "bustan al-qasr " are the same site.
/// </summary>
public static class NameKey
{
    public static string Of(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
