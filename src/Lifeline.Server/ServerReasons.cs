using System.Reflection;
using Lifeline.Domain;
using Lifeline.Domain.Primitives;

namespace Lifeline.Server;

/// <summary>
/// The reasons only the server's edges give: requests that cannot be read or are not allowed, web forms, and
/// files imported. The domain's deciders never give these (their reasons are <see cref="Reasons"/>); each is
/// translated like any other, and its code is as stable.
/// </summary>
public static class ServerReasons
{
    private static readonly Lazy<IReadOnlyList<Reason>> Catalogue = new(() =>
        [.. typeof(ServerReasons).GetNestedTypes()
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.FieldType == typeof(Reason))
            .Select(field => (Reason)field.GetValue(null)!)]);

    /// <summary>The server's own reasons.</summary>
    public static IReadOnlyList<Reason> All => Catalogue.Value;

    /// <summary>Every reason the server can give, the domain's and its own, for translations to be checked against.</summary>
    public static IReadOnlyList<Reason> Everything => [.. Reasons.All, .. All];

    /// <summary>Requests to the API that cannot be read, are not allowed, or name what is not there.</summary>
    public static class Requests
    {
        public static readonly Reason IdempotencyKeyTooLong = new("request.idempotency-key-too-long", "the idempotency key must be at most {max} characters");
        public static readonly Reason IdempotencyKeyReused = new("request.idempotency-key-reused", "this idempotency key was already used for a different request");
        public static readonly Reason BodyNotJson = new("request.body-not-json", "the body is not well-formed JSON");
        public static readonly Reason ExpectedNumber = new("request.expected-number", "expected a number");
        public static readonly Reason ExpectedString = new("request.expected-string", "expected a string");
        public static readonly Reason ExpectedBoolean = new("request.expected-boolean", "expected true or false");
        public static readonly Reason ExpectedDate = new("request.expected-date", "expected a date as yyyy-MM-dd");
        public static readonly Reason ExpectedDateTime = new("request.expected-date-time", "expected a date and time with an offset (RFC 3339)");
        public static readonly Reason ExpectedArray = new("request.expected-array", "expected an array");
        public static readonly Reason ExpectedObject = new("request.expected-object", "expected an object");
        public static readonly Reason Unreadable = new("request.unreadable", "{detail}");
        public static readonly Reason SignIn = new("access.sign-in", "sign in, or send an API token as 'Authorization: Bearer <token>'");
        public static readonly Reason NoRoleInOperation = new("access.no-role-in-operation", "you hold no role in operation {operation} that allows this, or it does not exist");
        public static readonly Reason AccountNotAllowed = new("access.account-not-allowed", "your account does not allow this");
        public static readonly Reason CredentialsRefused = new("access.credentials-refused", "the username or password is wrong, or the account is locked for a while after repeated failures");
        public static readonly Reason NotAssignedToSite = new("access.not-assigned-to-site", "you are not assigned to site {site} in this operation");
        public static readonly Reason DeviceRequired = new("token.device-required", "name the device the token is for, 1 to 100 characters");
        public static readonly Reason TokenNotFound = new("token.not-found", "token {token} does not exist");
        public static readonly Reason TrailFromRange = new("trail.from-range", "from is a sequence number, 1 or more");
        public static readonly Reason TrailLimitRange = new("trail.limit-range", "limit must be between 1 and {max}");
        public static readonly Reason NoLog = new("trail.no-log", "operation {operation} has no log");
        public static readonly Reason IncidentNotFound = new("incident.not-found", "incident {incident} does not exist in operation {operation}");
        public static readonly Reason ZoneNotFound = new("zone.not-found", "zone {zone} does not exist in operation {operation}");
        public static readonly Reason CommodityNotFound = new("commodity.not-found-in-operation", "commodity {commodity} does not exist in operation {operation}");
        public static readonly Reason MovementNotFound = new("movement.not-found-in-operation", "movement {movement} does not exist in operation {operation}");
        public static readonly Reason ManifestNotFound = new("manifest.not-found-in-operation", "manifest {manifest} does not exist in operation {operation}");
        public static readonly Reason LedgerNeedsKeys = new("stock.ledger-needs-keys", "the ledger is read per site, commodity and lot: give siteId, commodityId and lot (empty for none)");
        public static readonly Reason PickingNeedsKeys = new("stock.picking-needs-keys", "picking is suggested per site and commodity: give siteId, commodityId and quantity");
        public static readonly Reason StatusOneOf = new("movement.status-one-of", "status is one of: {allowed}");
        public static readonly Reason NotUtcInstant = new("request.not-utc-instant", "'{value}' is not an instant in UTC, e.g. 2016-07-29T06:00:00Z");
        public static readonly Reason FlowBy = new("flow.by", "by is hour or day");
        public static readonly Reason FlowDirection = new("flow.direction", "direction is outbound or inbound");
        public static readonly Reason FlowToAfterFrom = new("flow.to-after-from", "to comes after from");
        public static readonly Reason RemainingRange = new("flow.remaining-range", "remaining is the number of people still to leave, 0 or more");
        public static readonly Reason SitrepRangeRequired = new("sitrep.range-required", "a situation report covers local days from and to (inclusive), as yyyy-MM-dd");
        public static readonly Reason SitrepToBeforeFrom = new("sitrep.to-before-from", "to is on or after from");
        public static readonly Reason SitrepTooLong = new("sitrep.too-long", "a situation report covers at most {max} days");
    }

    /// <summary>Passages imported from a CSV file (e.g. a KoBoToolbox or ODK export).</summary>
    public static class Imports
    {
        public static readonly Reason FileTooLarge = new("import.file-too-large", "the file is larger than the {mb} MB an import may be; split it into smaller files");
        public static readonly Reason FileEmpty = new("import.file-empty", "the file is empty: the first line names the columns");
        public static readonly Reason SubmissionChanged = new("import.submission-changed", "submission '{submission}' was imported before with different content");
        public static readonly Reason UnknownColumn = new("import.unknown-column", "unknown column: expected corridor, checkpoint, occurred_at, direction, out_of_window_reason, vehicles, medical_evacuations, weapons_handed_in, meta/instanceID, or a count column such as civilians_female_18_59");
        public static readonly Reason ColumnMissing = new("import.column-missing", "the column {column} is missing");
        public static readonly Reason NoCountColumns = new("import.no-count-columns", "no count columns: name them category_sex_age, e.g. civilians_female_18_59");
        public static readonly Reason CorridorUnknown = new("import.corridor-unknown", "no corridor '{name}' in this operation");
        public static readonly Reason SiteUnknown = new("import.site-unknown", "no site '{name}' in this operation");
        public static readonly Reason TimeWithoutOffset = new("import.time-without-offset", "'{text}' is not a date and time with an offset, e.g. 2016-07-29T09:30:00+03:00");
        public static readonly Reason NotWholeNumber = new("import.not-whole-number", "'{text}' is not a whole number");
        public static readonly Reason SubmissionTwice = new("import.submission-twice", "submission {submission} is already on line {earlier}");
    }

    /// <summary>What the web forms say about input they cannot read before it becomes a command.</summary>
    public static class Forms
    {
        public static readonly Reason SentWithOtherContent = new("form.sent-with-other-content", "this form was already sent with other content; reload the page and enter it again");
        public static readonly Reason WholeNumberOfPeople = new("form.whole-number-of-people", "enter a whole number of people, 0 or more");
        public static readonly Reason WholeNumber = new("form.whole-number", "enter a whole number, 0 or more");
        public static readonly Reason PassageTimeRequired = new("form.passage-time-required", "enter the date and time of the passage");
        public static readonly Reason IncidentTimeRequired = new("form.incident-time-required", "enter the date and time of the incident");
        public static readonly Reason NotAssignedToCheckpoint = new("form.not-assigned-to-checkpoint", "you are not assigned to this checkpoint");
        public static readonly Reason NotAssignedToDistributionPoint = new("form.not-assigned-to-distribution-point", "you are not assigned to this distribution point");
        public static readonly Reason ExpiryNotDate = new("form.expiry-not-date", "enter the expiry date as a date, e.g. 2017-03-31");
        public static readonly Reason QuantityNotNumber = new("form.quantity-not-number", "'{text}' is not a number; enter the quantity in the commodity's unit, e.g. 12 or 2.5");
        public static readonly Reason CountNotNumber = new("form.count-not-number", "'{text}' is not a count; enter a whole number of people, 0 or more");
        public static readonly Reason DateRequired = new("form.date", "enter a date, e.g. 2016-07-30");
        public static readonly Reason NotDecimalDegrees = new("form.not-decimal-degrees", "'{text}' is not a number in decimal degrees, e.g. 36.2");
        public static readonly Reason NotANumber = new("form.not-a-number", "'{text}' is not a number; enter digits with a point for decimals, e.g. {example}");
        public static readonly Reason NotAWholeNumber = new("form.not-a-whole-number", "'{text}' is not a whole number");
        public static readonly Reason DepartureTimeRequired = new("form.departure-time-required", "enter the date and time of departure");
        public static readonly Reason ZoneCornersRequired = new("form.zone-corners-required", "enter the zone's corners, one per line as latitude, longitude");
        public static readonly Reason ZoneCornerUnreadable = new("form.zone-corner-unreadable", "line {line}, '{text}', is not latitude, longitude in decimal degrees, e.g. 36.2012, 37.1343");
        public static readonly Reason TimeUnreadable = new("form.time-unreadable", "'{text}' is not a date and time, e.g. 2016-07-30T09:30; leave it empty to record the time of sending");
        public static readonly Reason NoteLooksPersonal = new("form.note-looks-personal", "this note looks as if it holds a phone or identity number: notes are signed into the log, which is never erased, and every party reads them; take the number out, or tick the box to record the note as it is");
        public static readonly Reason PickQuantityRequired = new("form.pick-quantity-required", "enter a quantity greater than 0 in the commodity's unit");
    }
}
