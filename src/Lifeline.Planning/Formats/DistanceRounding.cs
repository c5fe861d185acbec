namespace Lifeline.Planning.Formats;

/// <summary>How a Euclidean arc length is rounded before it enters the matrix; each benchmark set states its own.</summary>
public enum DistanceRounding
{
    /// <summary>Full double precision (Taillard HFVRP).</summary>
    Exact,

    /// <summary>Nearest integer per arc, TSPLIB <c>nint</c> (CVRPLIB X and Augerat).</summary>
    NearestInteger,

    /// <summary>Truncated to one decimal per arc, the DIMACS convention (Solomon distance-only BKS).</summary>
    TruncateOneDecimal,
}

/// <summary>Builds distance matrices from planar coordinates.</summary>
public static class Euclidean
{
    public static double Round(double value, DistanceRounding rounding) => rounding switch
    {
        DistanceRounding.NearestInteger => Math.Floor(value + 0.5),

        // The small epsilon keeps values like 12.3 that arrive as 12.2999999 from losing a tenth.
        DistanceRounding.TruncateOneDecimal => Math.Floor((value * 10) + 1e-9) / 10,
        _ => value,
    };

    public static double[] Matrix(double[] x, double[] y, DistanceRounding rounding)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var n = x.Length;
        var matrix = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var dx = x[i] - x[j];
                var dy = y[i] - y[j];
                matrix[(i * n) + j] = Round(Math.Sqrt((dx * dx) + (dy * dy)), rounding);
            }
        }

        return matrix;
    }
}
