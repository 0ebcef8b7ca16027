using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Specwright.Core.Internal;

/// <summary>
/// The argument checks a generated method makes before anything is sent, from the spec's constraints
/// (<c>required</c>, <c>minLength</c>, <c>maxLength</c>, <c>minItems</c>, <c>minimum</c>, <c>maximum</c>). A failure
/// names the argument or the field as the caller wrote it (<c>body.Url</c>), so a billed call is never spent on it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // for generated code; not part of the API a caller uses
public static class Checks
{
    public static void Required(object? value, string name)
    {
        if (value is null) throw new ArgumentNullException(name, $"'{name}' is required.");
    }

    /// <summary>A required string: not null, not blank.</summary>
    public static void NotBlank(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"'{name}' is required and must not be empty.", name);
    }

    public static void Length(string? value, int? min, int? max, string name)
    {
        if (value is null) return;
        if (value.Length < min || value.Length > max)
            throw new ArgumentException($"'{name}' must be {Range(min, max)} characters long, got {value.Length}.", name);
    }

    public static void Count<T>(ICollection<T>? value, int? min, int? max, string name)
    {
        if (value is null) return;
        if (value.Count < min || value.Count > max)
            throw new ArgumentException($"'{name}' must hold {Range(min, max)} item(s), got {value.Count}.", name);
    }

    /// <summary>A number within <paramref name="min"/> and <paramref name="max"/>; with <paramref name="exclusiveMinimum"/> or
    /// <paramref name="exclusiveMaximum"/> (the spec's <c>exclusiveMinimum</c>), the bound itself is refused.</summary>
    public static void Between(double? value, double? min, double? max, string name, bool exclusiveMinimum = false, bool exclusiveMaximum = false)
    {
        if (value is null) return;
        if (exclusiveMinimum && value <= min)
            throw new ArgumentOutOfRangeException(name, $"'{name}' must be more than {N(min!.Value)}, got {N(value.Value)}.");
        if (exclusiveMaximum && value >= max)
            throw new ArgumentOutOfRangeException(name, $"'{name}' must be less than {N(max!.Value)}, got {N(value.Value)}.");
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, $"'{name}' must be {Range(min, max)}, got {N(value.Value)}.");
    }

    /// <summary>A value whose text must match the spec's <c>pattern</c> (e.g. <c>^https://</c>).</summary>
    public static void Pattern(object? value, string pattern, string name)
    {
        var text = value switch { null => null, Uri u => u.OriginalString, _ => Convert.ToString(value, CultureInfo.InvariantCulture) };
        if (text is not null && !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant))
            throw new ArgumentException($"'{name}' must match {pattern}, got '{text}'.", name);
    }

    /// <summary>A <c>format: uri</c> value must be absolute.</summary>
    public static void AbsoluteUri(Uri? value, string name)
    {
        if (value is { IsAbsoluteUri: false }) throw new ArgumentException($"'{name}' must be an absolute URL, got '{value}'.", name);
    }

    /// <summary>A value the operation refuses (e.g. <c>x-specwright-unsupported-countries</c>), compared ignoring case.</summary>
    public static void NotOneOf(string? value, IReadOnlyList<string> refused, string name)
    {
        if (value is not null && refused.Contains(value, StringComparer.OrdinalIgnoreCase))
            throw new UnsupportedValueException(name, value, refused);
    }

    private static string Range(double? min, double? max) => (min, max) switch
    {
        ({ } a, { } b) => $"{N(a)} to {N(b)}",
        ({ } a, null) => $"at least {N(a)}",
        (null, { } b) => $"at most {N(b)}",
        _ => "valid",
    };

    private static string N(double d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>A server's variables given by the caller must be ones the server has (a typo is named, not ignored).</summary>
    public static void ServerVariables(IReadOnlyDictionary<string, string>? given, IReadOnlyCollection<string> known)
    {
        if (given?.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new ArgumentException(known.Count == 0
                ? $"Server variable '{unknown}': this server has no variables."
                : $"Server variable '{unknown}' is not one of this server's ({string.Join(", ", known)}).", "variables");
    }

    /// <summary>A server variable's value: the caller's, else the spec's default; one of <paramref name="allowed"/> when the spec lists them.</summary>
    public static string ServerVariable(IReadOnlyDictionary<string, string>? given, string name, string defaultValue, IReadOnlyList<string>? allowed)
    {
        var value = given is not null && given.TryGetValue(name, out var v) ? v : defaultValue;
        if (allowed is { Count: > 0 } && !allowed.Contains(value))
            throw new ArgumentException($"Server variable '{name}' must be one of {string.Join(", ", allowed)}; got '{value}'.", "variables");
        return value;
    }
}
