namespace GreenApi;

/// <summary>
/// A field that may be absent, present with a value, or present as an explicit <c>null</c> — for the few
/// fields where the service gives <c>null</c> a meaning of its own. <c>default</c> is absent.
/// </summary>
/// <typeparam name="T">The field's type (nullable when <c>null</c> is allowed).</typeparam>
public readonly struct Optional<T> : IEquatable<Optional<T>>
{
    private readonly T _value;

    /// <summary>A present field.</summary>
    public Optional(T value)
    {
        _value = value;
        IsPresent = true;
    }

    /// <summary>Whether the field is there (possibly as <c>null</c>).</summary>
    public bool IsPresent { get; }

    /// <summary>The value; throws when the field is absent.</summary>
    public T Value => IsPresent ? _value : throw new InvalidOperationException("The field is absent; check IsPresent first.");

    /// <summary>The value, or <paramref name="fallback"/> when absent.</summary>
    public T GetValueOrDefault(T fallback) => IsPresent ? _value : fallback;

    /// <summary>Makes a present field.</summary>
    public static implicit operator Optional<T>(T value) => new(value);

    /// <inheritdoc />
    public bool Equals(Optional<T> other) => IsPresent == other.IsPresent && EqualityComparer<T>.Default.Equals(_value, other._value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Optional<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => IsPresent ? HashCode.Combine(true, _value) : 0;

    /// <summary>Equality.</summary>
    public static bool operator ==(Optional<T> left, Optional<T> right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Optional<T> left, Optional<T> right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsPresent ? _value?.ToString() ?? "null" : "(absent)";
}
