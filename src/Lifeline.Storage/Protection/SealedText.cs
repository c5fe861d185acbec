using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Domain.Deciding;
using Lifeline.Domain.Primitives;
using Lifeline.Storage.Database;

namespace Lifeline.Storage.Protection;

/// <summary>
/// Personal data as the log and its projections hold it: each <see cref="PersonalDataAttribute"/> member of an
/// event is replaced, before the entry is signed, by a token <c>sealed:1:{key}:{member}:{ciphertext}</c>: the
/// member's text in AES-256-GCM under a data key of the record's own (<see cref="PersonalData"/>), with the
/// member's name bound into the ciphertext. Every party
/// can still verify the log; only a holder of the wrapping key reads the text, and deleting the record's key
/// erases it everywhere at once, copies and backups included.
/// </summary>
public static partial class SealedText
{
    private const string Prefix = "sealed:1:";

    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    /// <summary>The JSON names of the members of <paramref name="eventType"/> that may hold personal data.</summary>
    public static IReadOnlyList<string> Members(Type eventType) => ShapeOf(eventType).Personal.Select(p => p.Json).ToList();

    /// <summary>Whether a stored value is a sealed token rather than text.</summary>
    public static bool IsSealed(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="domainEvent"/> with its personal members sealed under a new data key named
    /// <paramref name="recordKey"/>; the event itself when it has no personal text (an empty member stays empty).
    /// </summary>
    /// <exception cref="InvalidOperationException">The event holds personal text and the store has no personal-data keys.</exception>
    public static IDomainEvent Seal(IDomainEvent domainEvent, PersonalData? keys, SqlSession session, Func<Guid> recordKey, Random? entropy)
    {
        var shape = ShapeOf(domainEvent.GetType());
        if (!shape.Personal.Any(p => p.Property.GetValue(domainEvent) is string { Length: > 0 }))
        {
            return domainEvent;
        }

        if (keys is null)
        {
            throw new InvalidOperationException($"{domainEvent.GetType().Name} holds personal data and the store was opened without the personal-data keys to seal it");
        }

        var key = recordKey();
        var arguments = shape.Parameters.Select(p => p.Property.GetValue(domainEvent)).ToArray();
        foreach (var personal in shape.Personal)
        {
            if (arguments[personal.Index] is string { Length: > 0 } text)
            {
                arguments[personal.Index] = $"{Prefix}{key:N}:{personal.Json}:{Convert.ToBase64String(keys.Seal(session, key, personal.Json, text, entropy))}";
            }
        }

        return (IDomainEvent)shape.Constructor.Invoke(arguments);
    }

    /// <summary>
    /// The text of a stored value: a sealed token opened with its record's key (null once the key was deleted),
    /// any other value as it is (recorded before sealing existed, or not personal).
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The token was altered.</exception>
    public static string? Open(PersonalData keys, SqlSession session, string stored)
    {
        if (!IsSealed(stored))
        {
            return stored;
        }

        var parts = stored[Prefix.Length..].Split(':', 3);
        var sealedBytes = parts.Length == 3 ? new byte[parts[2].Length] : [];
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var key) || !Convert.TryFromBase64String(parts[2], sealedBytes, out var length))
        {
            throw new System.Security.Cryptography.CryptographicException("the sealed value is not in a format Lifeline knows");
        }

        return keys.Unseal(session, key, parts[1], sealedBytes[..length]);
    }

    /// <summary>The record key a stored value is sealed under, or null for a value that is not sealed.</summary>
    public static Guid? KeyOf(string stored) =>
        IsSealed(stored) && Guid.TryParseExact(stored.AsSpan(Prefix.Length, 32), "N", out var key) ? key : null;

    /// <summary>The record keys of the sealed values in an entry's body.</summary>
    public static IEnumerable<Guid> KeysIn(string body) =>
        SealedToken().Matches(body).Select(match => Guid.ParseExact(match.Groups[1].ValueSpan, "N"));

    [GeneratedRegex("\"sealed:1:([0-9a-f]{32}):")]
    private static partial Regex SealedToken();

    private static Shape ShapeOf(Type eventType) => Shapes.GetOrAdd(eventType, type =>
    {
        var constructor = type.GetConstructors().Single();
        var parameters = constructor.GetParameters()
            .Select((p, i) => new Member(i, JsonNamingPolicy.CamelCase.ConvertName(p.Name!), type.GetProperty(p.Name!)!, p.GetCustomAttribute<PersonalDataAttribute>() is not null))
            .ToList();
        foreach (var personal in parameters.Where(p => p.IsPersonal && p.Property.PropertyType != typeof(string)))
        {
            throw new InvalidOperationException($"{type.Name}.{personal.Property.Name} is marked as personal data but is not text");
        }

        return new Shape(constructor, parameters, [.. parameters.Where(p => p.IsPersonal)]);
    });

    private sealed record Member(int Index, string Json, PropertyInfo Property, bool IsPersonal);

    private sealed record Shape(ConstructorInfo Constructor, IReadOnlyList<Member> Parameters, IReadOnlyList<Member> Personal);
}
