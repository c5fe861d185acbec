using System.Globalization;

namespace Lifeline.Domain.Primitives;

/// <summary>A WGS84 position in decimal degrees.</summary>
public readonly record struct GeoPoint
{
    private GeoPoint(double latitude, double longitude)
    {
        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; }

    public double Longitude { get; }

    /// <summary>Makes a point, or says which coordinate is out of range and why.</summary>
    public static Validated<GeoPoint> Create(double latitude, double longitude, string field = "location")
    {
        if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            return Validated<GeoPoint>.Invalid($"{field}.latitude", $"latitude must be between -90 and 90 degrees, got {latitude.ToString(CultureInfo.InvariantCulture)}");
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            return Validated<GeoPoint>.Invalid($"{field}.longitude", $"longitude must be between -180 and 180 degrees, got {longitude.ToString(CultureInfo.InvariantCulture)}");
        }

        return Validated<GeoPoint>.Valid(new GeoPoint(latitude, longitude));
    }

    /// <summary>Great-circle distance on a sphere of mean Earth radius, in kilometres.</summary>
    public double DistanceKilometresTo(GeoPoint other)
    {
        const double EarthRadiusKm = 6371.0088;
        var lat1 = double.DegreesToRadians(Latitude);
        var lat2 = double.DegreesToRadians(other.Latitude);
        var dLat = lat2 - lat1;
        var dLon = double.DegreesToRadians(other.Longitude - Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin(dLon / 2), 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Latitude:0.######}, {Longitude:0.######}");
}
