using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Web.Shared;

/// <summary>
/// Rejections keyed by the form field they concern, so each is shown next to its field in the reader's
/// language (<see cref="ReasonText"/>). Fields a form has no input for (a rule about the whole request) are
/// listed in the summary only.
/// </summary>
public sealed class FormErrors
{
    public static readonly FormErrors None = new([]);

    private readonly Dictionary<string, List<Rejection>> _byField = new(StringComparer.Ordinal);

    /// <summary>Rejections whose <see cref="Rejection.Field"/> is already the form's input id; the first <see cref="Http.Problems.MaxRejections"/> are kept.</summary>
    public FormErrors(IEnumerable<Rejection> rejections)
    {
        var (shown, more) = Http.Problems.Capped([.. rejections]);
        More = more;
        foreach (var rejection in shown)
        {
            if (!_byField.TryGetValue(rejection.Field, out var reasons))
            {
                _byField[rejection.Field] = reasons = [];
            }

            reasons.Add(rejection);
        }
    }

    public bool Any => _byField.Count > 0;

    /// <summary>How many errors were left out of the list, beyond the first <see cref="Http.Problems.MaxRejections"/>.</summary>
    public int More { get; }

    public IEnumerable<Rejection> All => _byField.SelectMany(pair => pair.Value);

    /// <summary>Rejections from a decider or a command's validation, with the API's field names mapped to the form's.</summary>
    public static FormErrors From(IEnumerable<Rejection> rejections, Func<string, string>? field = null) =>
        new(rejections.Select(r => field is null ? r : r with { Field = field(r.Field) }));

    public IReadOnlyList<Rejection> For(string field) => _byField.TryGetValue(field, out var reasons) ? reasons : [];

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>The value of <c>aria-describedby</c> for an input: its error, when it has one.</summary>
    public string? DescribedBy(string field) => Has(field) ? $"{field}-error" : null;

    /// <summary>The value of <c>aria-invalid</c>: present only when the field is wrong.</summary>
    public string? Invalid(string field) => Has(field) ? "true" : null;
}
