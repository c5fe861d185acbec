namespace Lifeline.Domain.Primitives;

/// <summary>A value that passed validation, or the rejection that says which field failed and why.</summary>
public readonly record struct Validated<T>
{
    private readonly T? _value;

    private Validated(T? value, Rejection? rejection)
    {
        _value = value;
        Rejection = rejection;
    }

    public Rejection? Rejection { get; }

    public bool IsValid => Rejection is null;

    public T Value => IsValid ? _value! : throw new InvalidOperationException($"No value: {Rejection}");

    public static Validated<T> Valid(T value) => new(value, null);

    public static Validated<T> Invalid(Rejection rejection) => new(default, rejection);

    public static implicit operator Validated<T>(Rejection rejection) => Invalid(rejection);
}
