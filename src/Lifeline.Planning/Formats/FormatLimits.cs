namespace Lifeline.Planning.Formats;

/// <summary>
/// The ranges a problem file's numbers must fall in. A file outside them is refused by line or field before anything
/// is allocated from its counts, so a hostile or broken file can neither exhaust memory nor overflow a sum in the search.
/// </summary>
public static class FormatLimits
{
    /// <summary>Depots and stops together. Each matrix holds MaxNodes² doubles: 800 MB at this size.</summary>
    public const int MaxNodes = 10_000;

    /// <summary>Vehicle types in one problem.</summary>
    public const int MaxVehicleTypes = 1_000;

    /// <summary>Largest magnitude of a planar coordinate: every arc and every route's length stays finite.</summary>
    public const double MaxCoordinate = 1e9;

    /// <summary>Largest time, cost, range, penalty or matrix entry.</summary>
    public const double MaxNumber = 1e9;

    /// <summary>Demands (and volumes) of all stops together, so no route's load can overflow.</summary>
    public const long MaxTotal = int.MaxValue;

    internal const string TooManyNodes = "more than the 10000 nodes a problem may have";

    internal const string TotalTooLarge = "demands add up to more than 2147483647";
}
