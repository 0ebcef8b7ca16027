namespace Specwright.Core;

/// <summary>An argument has a value the operation refuses (e.g. a country a scraper cannot route through); nothing was sent.</summary>
public sealed class UnsupportedValueException(string name, string value, IReadOnlyList<string> refused)
    : ArgumentException($"'{name}' {value} is not supported by this operation (it refuses {string.Join(", ", refused)}); nothing was sent.", name)
{
    /// <summary>The value given.</summary>
    public string Value { get; } = value;

    /// <summary>Every value the operation refuses.</summary>
    public IReadOnlyList<string> Refused { get; } = refused;
}
