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
            return Reasons.Geo.LatitudeOutOfRange.Invalid($"{field}.latitude", ("value", latitude));
        }

        if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            return Reasons.Geo.LongitudeOutOfRange.Invalid($"{field}.longitude", ("value", longitude));
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
