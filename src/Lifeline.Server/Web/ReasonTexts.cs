using System.Globalization;
using System.Resources;
using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Web;

/// <summary>
/// Reasons for refusals in the reader's language. English is the catalogue's own text
/// (<see cref="Reason.English"/>); other languages come from <c>Web/Reasons.&lt;lang&gt;.resx</c>, keyed by
/// the reason's code, with the same named placeholders. The neutral <c>Web/Reasons.resx</c> is empty on
/// purpose, so that a missing translation is noticed (and shown in English, marked as such) rather than
/// silently filled from another language.
/// </summary>
public static class ReasonTexts
{
    private static readonly ResourceManager Translations = new("Lifeline.Server.Web.Reasons", typeof(ReasonTexts).Assembly);

    /// <summary>The template of <paramref name="reason"/> in <paramref name="language"/>, or null when it has none.</summary>
    public static string? Template(Reason reason, CultureInfo language) =>
        IsEnglish(language) ? reason.English : Translations.GetString(reason.Code, language);

    /// <summary>
    /// The message in the current UI language, its numbers and dates formatted for the current culture; null
    /// when a reason, phrase or term in it has no translation.
    /// </summary>
    public static string? Render(Message message) => Render(message, CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);

    public static string? Render(Message message, CultureInfo language, CultureInfo formats) =>
        IsEnglish(language) ? message.English : message.Render(reason => Template(reason, language), formats);

    private static bool IsEnglish(CultureInfo language) => language.TwoLetterISOLanguageName is "en" or "iv";
}
