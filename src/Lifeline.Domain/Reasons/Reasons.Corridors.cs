using Lifeline.Domain.Primitives;

namespace Lifeline.Domain;

public static partial class Reasons
{
    /// <summary>Corridors: their rules and status.</summary>
    public static class Corridors
    {
        public static readonly Reason RouteNotLine = new("corridor.route-not-line", "a corridor's route must be a GeoJSON LineString, got '{type}'");
        public static readonly Reason TooFewCheckpoints = new("corridor.too-few-checkpoints", "a corridor needs at least an entry and an exit checkpoint, in order");
        public static readonly Reason CheckpointTwice = new("corridor.checkpoint-twice", "a checkpoint appears twice on the corridor");
        public static readonly Reason CategoriesRequired = new("corridor.categories-required", "name who may pass; one or more of: {allowed}");
        public static readonly Reason CapacityNotPositive = new("corridor.capacity-not-positive", "planned capacity must be more than 0 people per hour, got {value}");
        public static readonly Reason NameTaken = new("corridor.name-taken", "a corridor named '{name}' already exists in this operation");
        public static readonly Reason SiteNotInOperation = new("site.not-in-operation", "site {site} does not exist in this operation");
        public static readonly Reason SiteNotCheckpoint = new("corridor.site-not-checkpoint", "site '{site}' is a {kind}, not a checkpoint");
        public static readonly Reason NotFound = new("corridor.not-found", "corridor {corridor} does not exist in operation {operation}");
        public static readonly Reason StatusFinal = new("corridor.status-final", "corridor '{corridor}' is {status}, which is final: it cannot become {to}");
        public static readonly Reason StatusTransition = new("corridor.status-transition", "corridor '{corridor}' is {status} and cannot become {to}; it can become {allowed}");
    }

    /// <summary>Opening windows and humanitarian pauses.</summary>
    public static class Windows
    {
        public static readonly Reason EndsBeforeStart = new("window.ends-before-start", "a window ends after it starts");
        public static readonly Reason LastDayBeforeFirst = new("window.last-day-before-first", "the last day comes on or after the first day");
        public static readonly Reason DailyClosesBeforeOpens = new("window.daily-closes-before-opens", "a daily window closes after it opens on the same day; split a window that runs past midnight in two");
        public static readonly Reason RecurrenceUnknown = new("window.recurrence-unknown", "recurrence '{value}' is not known; one of: once, daily");
        public static readonly Reason CorridorsRequired = new("window.corridors-required", "name at least one corridor");
        public static readonly Reason PauseNotOnce = new("window.pause-not-once", "a humanitarian pause is a one-off window");
        public static readonly Reason TimeRequired = new("window.time-required", "{field} is required: {expected}");
        public static readonly Reason TimeMalformed = new("window.time-malformed", "'{text}' is not {expected}");
        public static readonly Reason ExpectedLocalDateTime = new("phrase.expected-local-date-time", "a local date and time, yyyy-MM-ddTHH:mm");
        public static readonly Reason ExpectedDate = new("phrase.expected-date", "a date, yyyy-MM-dd");
        public static readonly Reason ExpectedLocalTime = new("phrase.expected-local-time", "a local time, HH:mm");
        public static readonly Reason CorridorClosed = new("window.corridor-closed", "corridor '{corridor}' is closed: it has no more windows");
        public static readonly Reason Overlaps = new("window.overlaps", "the window overlaps window {window} of corridor '{corridor}'");
        public static readonly Reason NotFound = new("window.not-found", "window {window} does not exist on corridor {corridor}");
        public static readonly Reason AlreadyCancelled = new("window.already-cancelled", "window {window} is already cancelled");
    }

    /// <summary>Passages recorded at checkpoints.</summary>
    public static class Passages
    {
        public static readonly Reason TallyRequired = new("passage.tally-required", "a passage needs its tally: counts by category, sex and age band");
        public static readonly Reason CountNegative = new("passage.count-negative", "a count is never negative, got {value}; record a correction instead");
        public static readonly Reason CellTwice = new("passage.cell-counted-twice", "{category}, {sex}, {band} is counted twice");
        public static readonly Reason NeverNegative = new("passage.never-negative", "{field} is never negative, got {value}");
        public static readonly Reason Nobody = new("passage.nobody", "a passage counts at least one person (only a correction may bring a tally to zero)");
        public static readonly Reason EvacuationsExceedPassed = new("passage.evacuations-exceed-passed", "more people need medical evacuation than passed");
        public static readonly Reason CheckpointNotOnCorridor = new("passage.checkpoint-not-on-corridor", "checkpoint {checkpoint} is not on corridor '{corridor}'");
        public static readonly Reason DirectionNotAllowed = new("passage.direction-not-allowed", "corridor '{corridor}' is {directions} only");
        public static readonly Reason CategoryNotAllowed = new("passage.category-not-allowed", "{category} may not pass corridor '{corridor}', which is for {allowed}");
        public static readonly Reason WeaponsNotAmnesty = new("passage.weapons-not-amnesty", "weapons are handed in on amnesty corridors; '{corridor}' is not one");
        public static readonly Reason OutsideWindow = new("passage.outside-window", "corridor '{corridor}' was not open at {at:yyyy-MM-dd HH:mm} UTC ({why}); a passage then is recorded only with an out-of-window reason");
        public static readonly Reason CorridorWasStatus = new("phrase.corridor-was-status", "the corridor was {status}");
        public static readonly Reason OutsideEveryWindow = new("phrase.outside-every-window", "it was outside every opening window");
        public static readonly Reason CorrectionNotFound = new("passage.corrected-not-found", "passage {passage} does not exist on corridor '{corridor}'");
        public static readonly Reason AlreadyCorrected = new("passage.already-corrected", "passage {passage} was already corrected by passage {later}; correct that one");
        public static readonly Reason CorrectionAtOtherCheckpoint = new("passage.correction-at-other-checkpoint", "passage {passage} was recorded at another checkpoint; it is corrected at the checkpoint that recorded it");
    }
}
