using Lifeline.Domain.Primitives;

namespace Lifeline.Server.Web.Shared;

/// <summary>
/// Rejections keyed by the form field they concern, so each is shown next to its field. Fields a form has
/// no input for (a rule about the whole request) are listed in the summary only.
/// </summary>
public sealed class FormErrors
{
    public static readonly FormErrors None = new([]);

    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public FormErrors(IEnumerable<(string Field, string Reason)> errors)
    {
        foreach (var (field, reason) in errors)
        {
            if (!_byField.TryGetValue(field, out var reasons))
            {
                _byField[field] = reasons = [];
            }

            reasons.Add(reason);
        }
    }

    public bool Any => _byField.Count > 0;

    public IEnumerable<(string Field, string Reason)> All => _byField.SelectMany(pair => pair.Value.Select(reason => (pair.Key, reason)));

    /// <summary>Rejections from a decider or a command's validation, with the API's field names mapped to the form's.</summary>
    public static FormErrors From(IEnumerable<Rejection> rejections, Func<string, string>? field = null) =>
        new(rejections.Select(r => (field?.Invoke(r.Field) ?? r.Field, r.Reason)));

    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var reasons) ? reasons : [];

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>The value of <c>aria-describedby</c> for an input: its error, when it has one.</summary>
    public string? DescribedBy(string field) => Has(field) ? $"{field}-error" : null;

    /// <summary>The value of <c>aria-invalid</c>: present only when the field is wrong.</summary>
    public string? Invalid(string field) => Has(field) ? "true" : null;
}
