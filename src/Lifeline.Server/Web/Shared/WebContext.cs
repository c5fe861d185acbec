using System.Globalization;
using Lifeline.Domain.Operations;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Access;
using Lifeline.Storage.Operations;
using Lifeline.Storage.Writing;
using Microsoft.AspNetCore.Antiforgery;
using NodaTime;
using NodaTime.Text;

namespace Lifeline.Server.Web.Shared;

/// <summary>What every page needs to know about its request: who, which operation, when, and the form token.</summary>
public sealed record WebContext(Caller Caller, Operation? Operation, string Path, string FormField, string FormToken, DateTimeOffset Now)
{
    public string OperationPath => $"{WebSetup.Root}/operations/{Operation!.Id.Value}";

    /// <summary>The operation's time zone, in which people read and type times.</summary>
    public DateTimeZone Zone => Operation?.TimeZone.Zone ?? DateTimeZone.Utc;

    /// <summary>Whether the caller holds the policy in this operation: pages offer only the forms that would be accepted.</summary>
    public bool May(string policy) =>
        Operation is { } operation && Caller.Holds(Policies.Holders[policy], operation.Id.Value);

    public static WebContext For(HttpContext context, Guid? operationId = null)
    {
        var store = context.RequestServices.GetRequiredService<LogStore>();
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var operation = operationId is { } id ? store.Read(session => OperationsProjection.Find(session, new OperationId(id))) : null;
        return new WebContext(
            Caller.Of(context)!,
            operation,
            context.Request.Path + context.Request.QueryString,
            tokens.FormFieldName,
            tokens.RequestToken!,
            context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    /// <summary>What a datetime-local input sends and shows, whatever the page's language.</summary>
    private static readonly LocalDateTimePattern InputPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>A time as people at the operation read it, formatted for the page's language.</summary>
    public string Local(DateTimeOffset instant) =>
        Instant.FromDateTimeOffset(instant).InZone(Zone).ToDateTimeUnspecified().ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A time as a datetime-local input's value, in the operation's time zone.</summary>
    public string InputValue(DateTimeOffset instant) => InputPattern.Format(Instant.FromDateTimeOffset(instant).InZone(Zone).LocalDateTime);

    /// <summary>
    /// A datetime-local input's value (Western or Arabic-Indic digits) read in the operation's time zone, or null when
    /// it is not one. A local time that a clock change skips moves forward by the gap; one that occurs twice reads as the earlier.
    /// </summary>
    /// A time outside <see cref="DateBounds"/> reads as none: moved to the zone, it could fall off the calendar.
    public DateTimeOffset? ParseInput(string? text) =>
        ReadLocal(text) is { } local && DateBounds.Holds(local.Date.ToDateOnly()) ? local.InZoneLeniently(Zone).ToDateTimeOffset() : null;

    /// <summary>A datetime-local input's value as typed, before it is placed in the operation's time zone.</summary>
    public static LocalDateTime? ReadLocal(string? text) =>
        InputPattern.Parse(FormValues.Western(text ?? "")) is { Success: true } parsed ? parsed.Value : null;
}
