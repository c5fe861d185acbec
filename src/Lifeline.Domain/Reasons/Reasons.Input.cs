using Lifeline.Domain.Primitives;

namespace Lifeline.Domain;

public static partial class Reasons
{
    /// <summary>Checks any field may fail: missing, too long, not one of the choices.</summary>
    public static class Input
    {
        public static readonly Reason Required = new("input.required", "{field} is required");
        public static readonly Reason TooLong = new("input.too-long", "{field} must be at most {max} characters, got {length}");
        public static readonly Reason NotSingleLine = new("input.not-single-line", "{field} must be a single line without control characters");
        public static readonly Reason HiddenCharacter = new("input.hidden-character", "{field} must not contain invisible or text-direction characters, got {code}");
        public static readonly Reason ChoiceRequired = new("input.choice-required", "{field} is required; one of: {allowed}");
        public static readonly Reason ChoiceUnknown = new("input.choice-unknown", "{field} '{value}' is not known; one of: {allowed}");
        public static readonly Reason NotPositive = new("input.not-positive", "{field} must be greater than 0 {unit}, got {value}");
        public static readonly Reason NotPositiveQuantity = new("input.not-positive-quantity", "{field} must be greater than 0, got {value}");
        public static readonly Reason TooPrecise = new("input.too-precise", "{field} is counted to a thousandth of a unit at most, got {value}");
        public static readonly Reason TooMany = new("input.too-many", "{field} must be at most {max:#,0.###}, got {value}");
        public static readonly Reason TooLarge = new("input.too-large", "{field} must be at most {max:#,0.######} {unit}, got {value}");
        public static readonly Reason TooFine = new("input.too-fine", "{field} is recorded to {step:0.#########} {unit} at most, got {value}");
        public static readonly Reason NotPCode = new("input.not-p-code", "{field} '{value}' is not a P-code: expected two upper-case letters of the country code followed by up to 14 upper-case letters or digits, e.g. SY0200");
        public static readonly Reason DateOutOfRange = new("input.date-out-of-range", "{field} must be between {first} and {last}, got {value}");
        public static readonly Reason TimeZoneRequired = new("input.time-zone-required", "{field} is required, an IANA time-zone id such as Asia/Damascus");
        public static readonly Reason TimeZoneUnknown = new("input.time-zone-unknown", "{field} '{value}' is not a known IANA time zone (e.g. Asia/Damascus)");
    }

    /// <summary>Positions, routes and polygons given as GeoJSON.</summary>
    public static class Geo
    {
        public static readonly Reason LatitudeOutOfRange = new("geo.latitude-out-of-range", "latitude must be between -90 and 90 degrees, got {value}");
        public static readonly Reason LongitudeOutOfRange = new("geo.longitude-out-of-range", "longitude must be between -180 and 180 degrees, got {value}");
        public static readonly Reason PositionShape = new("geo.position-shape", "a position is [longitude, latitude]");
        public static readonly Reason RouteTooFewPositions = new("geo.route-too-few-positions", "a route needs at least 2 positions, got {count}");
        public static readonly Reason RouteTooManyPositions = new("geo.route-too-many-positions", "a route has at most {max:#,0} positions, got {count:#,0}");
        public static readonly Reason RouteNotDistinct = new("geo.route-not-distinct", "a route needs at least 2 distinct positions");
        public static readonly Reason PolygonNoRing = new("geo.polygon-no-ring", "a polygon needs at least an outer ring");
        public static readonly Reason PolygonTooManyRings = new("geo.polygon-too-many-rings", "a polygon has at most {max:#,0} rings (the outer ring and its holes), got {count:#,0}");
        public static readonly Reason PolygonTooManyPositions = new("geo.polygon-too-many-positions", "a polygon has at most {max:#,0} positions over all its rings, got {count:#,0}");
        public static readonly Reason RingTooFewPositions = new("geo.ring-too-few-positions", "a ring needs at least 4 positions (a triangle and the closing position), got {count}");
        public static readonly Reason RingNotClosed = new("geo.ring-not-closed", "the ring is not closed: its last position must repeat its first");
        public static readonly Reason PolygonSelfIntersects = new("geo.polygon-self-intersects", "the polygon intersects itself{at}");
        public static readonly Reason RingTooFewDistinct = new("geo.ring-too-few-distinct", "a ring has too few distinct positions{at}");
        public static readonly Reason PolygonInvalid = new("geo.polygon-invalid", "the polygon is not valid ({detail}){at}");
        public static readonly Reason At = new("phrase.geo-at", " at [{x:0.######}, {y:0.######}]");
        public static readonly Reason Nowhere = new("phrase.geo-nowhere", "");
    }

    /// <summary>Operations, sites, zones and the commodity catalogue.</summary>
    public static class Setup
    {
        public static readonly Reason OperationNotFound = new("operation.not-found", "operation {operation} does not exist");
        public static readonly Reason OperationNameTaken = new("operation.name-taken", "an operation named '{name}' already exists");
        public static readonly Reason SiteNameTaken = new("site.name-taken", "a site named '{name}' already exists in this operation");
        public static readonly Reason SiteNotFound = new("site.not-found", "site {site} does not exist in operation {operation}");
        public static readonly Reason SiteAlreadyInStatus = new("site.already-in-status", "site '{site}' is already {status}");
        public static readonly Reason ZoneNotPolygon = new("zone.geometry-not-polygon", "a zone's geometry must be a GeoJSON Polygon, got '{type}'");
        public static readonly Reason ZoneNameTaken = new("zone.name-taken", "a zone named '{name}' already exists in this operation");
        public static readonly Reason CommodityCodeShape = new("commodity.code-shape", "code '{code}' must be upper-case letters, digits, '-' or '_' (e.g. WHEAT-FLOUR-50)");
        public static readonly Reason CommodityKgUnitMass = new("commodity.kg-unit-mass", "a commodity counted in kg weighs 1 kg per unit, got {value}");
        public static readonly Reason CommodityKcalRequired = new("commodity.kcal-required", "kcalPerKg is required for food: situation reports count the person-days it covers");
        public static readonly Reason CommodityKcalFoodOnly = new("commodity.kcal-food-only", "kcalPerKg applies to food only");
        public static readonly Reason CommodityKcalRange = new("commodity.kcal-range", "kcalPerKg must be between 0 and 9000 (pure fat), got {value}");
        public static readonly Reason CommodityVolumeNotPositive = new("commodity.volume-not-positive", "volumePerUnitM3 must be greater than 0 m3, got {value}");
        public static readonly Reason CommodityCodeTaken = new("commodity.code-taken", "a commodity with code '{code}' already exists in this operation ({name})");
    }

    /// <summary>User accounts and the roles they hold.</summary>
    public static class Accounts
    {
        public static readonly Reason UsernameShape = new("account.username-shape", "a username is 3 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        public static readonly Reason PasswordTooShort = new("account.password-too-short", "the password must be at least {min} characters; a few unrelated words make a good one");
        public static readonly Reason PasswordTooLong = new("account.password-too-long", "the password must be at most {max} characters");
        public static readonly Reason PasswordCommon = new("account.password-common", "this password is on the list of common passwords; choose another");
        public static readonly Reason PasswordContainsUsername = new("account.password-contains-username", "the password must not contain the username");
        public static readonly Reason UsernameTaken = new("account.username-taken", "a user '{username}' already exists");
        public static readonly Reason UserNotFound = new("account.user-not-found", "there is no user '{username}'");
        public static readonly Reason AdministratorNotARole = new("account.administrator-not-a-role", "administrator is not a role in an operation; add the user with --administrator");
        public static readonly Reason RoleNeedsSites = new("account.role-needs-sites", "a {role} is assigned at least one site");
        public static readonly Reason RoleTakesNoSites = new("account.role-takes-no-sites", "a {role} acts across the operation; sites are assigned to checkpoint and distribution officers only");
        public static readonly Reason SiteNotOfKind = new("account.site-not-of-kind", "site {site} is not a {kind} of operation {operation}");
    }
}
