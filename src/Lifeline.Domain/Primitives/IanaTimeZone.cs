using NodaTime;

namespace Lifeline.Domain.Primitives;

/// <summary>An IANA time-zone id, checked against the time-zone database that ships with Lifeline.</summary>
public readonly record struct IanaTimeZone
{
    private IanaTimeZone(string id) => Id = id;

    public string Id { get; }

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[Id];

    public static Validated<IanaTimeZone> Create(string? raw, string field = "timeZone")
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return Validated<IanaTimeZone>.Invalid(field, $"{field} is required, an IANA time-zone id such as Asia/Damascus");
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(raw.Trim());
        return zone is null
            ? Validated<IanaTimeZone>.Invalid(field, $"{field} '{raw}' is not a known IANA time zone (e.g. Asia/Damascus)")
            : Validated<IanaTimeZone>.Valid(new IanaTimeZone(zone.Id));
    }

    public override string ToString() => Id;
}
