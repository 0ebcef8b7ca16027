using NJsonSchema;
using NSwag;

namespace Specwright.Generator;

/// <summary>
/// `type: integer, format: unix-time` (seconds since the epoch) becomes a DateTimeOffset: the schema is
/// retyped as a date-time for NSwag, and the JSON context reads and writes every DateTimeOffset as Unix
/// seconds. A spec that also has ISO `date-time` values is refused, since one context cannot do both.
/// </summary>
internal static class UnixTime
{
    public const string Format = "unix-time";

    /// <summary>True when the spec has Unix-time values (now retyped).</summary>
    public static bool Apply(OpenApiDocument document)
    {
        var seen = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var unix = new List<JsonSchema>();
        var iso = new List<string>();
        foreach (var (name, schema) in document.Components.Schemas) Visit(schema, name, seen, unix, iso);
        if (unix.Count == 0) return false;
        if (iso.Count > 0)
            throw new InvalidOperationException($"The spec mixes `format: {Format}` with `format: date-time` ({string.Join(", ", iso.Distinct())}); use one timestamp format.");
        foreach (var s in unix)
        {
            s.Type = JsonObjectType.String | (s.Type & JsonObjectType.Null);
            s.Format = JsonFormatStrings.DateTime;
        }
        return true;
    }

    private static void Visit(JsonSchema schema, string where, HashSet<JsonSchema> seen, List<JsonSchema> unix, List<string> iso)
    {
        if (!seen.Add(schema)) return;
        if (schema.Format == Format)
        {
            if (!schema.Type.HasFlag(JsonObjectType.Integer))
                throw new InvalidOperationException($"{where}: `format: {Format}` needs `type: integer` (seconds).");
            unix.Add(schema);
        }
        else if (schema.Format is JsonFormatStrings.DateTime) iso.Add(where);
        foreach (var (name, p) in schema.Properties) Visit(p, $"{where}.{name}", seen, unix, iso);
        foreach (var s in schema.AllOf.Concat(schema.OneOf).Concat(schema.AnyOf)) Visit(s, where, seen, unix, iso);
        if (schema.Item is { } item) Visit(item, where + "[]", seen, unix, iso);
        if (schema.Reference is { } r) Visit(r, where, seen, unix, iso);
    }
}
