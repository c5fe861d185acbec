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
            return Reasons.Input.TimeZoneRequired.Invalid(field, ("field", field));
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(raw.Trim());
        return zone is null
            ? Reasons.Input.TimeZoneUnknown.Invalid(field, ("field", field), ("value", raw))
            : Validated<IanaTimeZone>.Valid(new IanaTimeZone(zone.Id));
    }

    public override string ToString() => Id;
}
