using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Server.Http;
using Lifeline.Storage.Writing;

namespace Lifeline.Server.Web.Shared;

/// <summary>What a form's write came to: the receipt, or the errors to show next to the fields.</summary>
public sealed record FormOutcome(Receipt? Receipt, FormErrors Errors)
{
    public int Status => Receipt is not null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
}

/// <summary>
/// Forms write through the same path as the API (<see cref="Writes.Execute"/>): same deciders, same author,
/// and the form's own idempotency key, so a form sent twice over a poor link records once.
/// </summary>
public static class FormWrites
{
    /// <summary>The check box sent with a form whose note was shown to look personal, to record it as it is.</summary>
    public const string NotPersonalField = "noteIsNotPersonal";

    /// <param name="context">The request, for its path and its signed-in author.</param>
    /// <param name="store">The store that records.</param>
    /// <param name="form">What the form sent, as the command reads it, fingerprinted for idempotency.</param>
    /// <param name="command">What to decide; its operation's log records the outcome.</param>
    /// <param name="idempotencyKey">The form's hidden key; one longer than the API allows counts as none.</param>
    /// <param name="field">Maps the API's field names to the form's input ids.</param>
    /// <param name="occurredAt">When the fact happened, for forms that say so (the log entry's time); otherwise now.</param>
    /// <remarks>
    /// An operational note that looks as if it holds a phone or identity number is sent back once with a warning
    /// beside it (<see cref="OperationalNotes"/>): the log keeps it forever and partners read it. The officer takes
    /// the number out, or ticks <see cref="NotPersonalField"/> to record the note as it is.
    /// </remarks>
    public static async Task<FormOutcome> Record(HttpContext context, LogStore store, object form, IOperationCommand command, string? idempotencyKey, Func<string, string>? field = null, DateTimeOffset? occurredAt = null)
    {
        if (!context.Request.Form.ContainsKey(NotPersonalField) && OperationalNotes.LookingPersonal(command) is { Count: > 0 } notes)
        {
            return new FormOutcome(null, FormErrors.From(notes.Select(note => ServerReasons.Forms.NoteLooksPersonal.Invalid(note)), field));
        }

        var key = idempotencyKey is { Length: <= Writes.MaxKeyLength } given ? given : "";
        return await Writes.Execute(context, store, form, command, key, occurredAt) switch
        {
            WriteOutcome.Recorded { Receipts: [var receipt] } => new FormOutcome(receipt, FormErrors.None),
            WriteOutcome.Refused refused => new FormOutcome(null, FormErrors.From(refused.Rejections, field)),
            WriteOutcome.KeyConflict => new FormOutcome(null, new FormErrors([ServerReasons.Forms.SentWithOtherContent.Conflict("idempotencyKey")])),
            var other => throw new InvalidOperationException($"unexpected outcome {other}"),
        };
    }

    public static FormOutcome Invalid(Validation validation, Func<string, string>? field = null) => new(null, FormErrors.From(validation.Rejections, field));

    /// <summary>
    /// A form refused before it reached the decider: what could not be read (a number that is not one) and what the
    /// command's validation refused, one error per field, the reading error first, with API field names mapped to the form's.
    /// </summary>
    public static FormOutcome Invalid(IReadOnlyCollection<Rejection> unreadable, Validation validation, Func<string, string> field) =>
        new(null, FormErrors.From(unreadable.Concat(validation.Rejections.Where(r => unreadable.All(e => e.Field != r.Field))), field));
}
