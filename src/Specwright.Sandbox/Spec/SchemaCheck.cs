using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Specwright.Sandbox.Spec;

/// <summary>
/// Checks a JSON value against a JSON Schema (the 2020-12 keywords the specs and typical extraction
/// schemas use). Every error names the field by its path, e.g. <c>products[0].price: expected string, got null</c>.
/// Used for request bodies (against the spec's schemas) and for SmartScraper output (against the caller's).
/// </summary>
public sealed class SchemaCheck(JsonNode? refRoot = null, string rootName = "request body")
{
    private const int MaxErrors = 20;

    public IReadOnlyList<string> Errors(JsonNode? value, JsonNode? schema)
    {
        var errors = new List<string>();
        Check(value, schema, "", errors, depth: 0);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode? schema, string path, List<string> errors, int depth)
    {
        if (errors.Count >= MaxErrors || depth > 64) return;
        if (schema is JsonValue b && b.GetValueKind() is JsonValueKind.False) { errors.Add($"{Name(path)}: is not allowed"); return; }
        if (schema is not JsonObject s) return;
        if (s["$ref"]?.GetValue<string>() is { } r) Check(value, Resolve(r), path, errors, depth + 1);

        if (s["type"] is { } type && !TypeMatches(value, type))
        {
            errors.Add($"{Name(path)}: expected {TypeText(type)}, got {KindOf(value)}");
            return;
        }
        if (s["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{Name(path)}: must be one of {string.Join(", ", options.Select(Show))} (got {Show(value)})");
        if (s.TryGetPropertyValue("const", out var constant) && !JsonNode.DeepEquals(constant, value))
            errors.Add($"{Name(path)}: must be {Show(constant)} (got {Show(value)})");

        switch (value)
        {
            case JsonObject obj: CheckObject(obj, s, path, errors, depth); break;
            case JsonArray arr: CheckArray(arr, s, path, errors, depth); break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String: CheckString(v.GetValue<string>(), s, path, errors); break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number: CheckNumber(Number(v), s, path, errors); break;
        }

        if (s["allOf"] is JsonArray all)
            foreach (var sub in all) Check(value, sub, path, errors, depth + 1);
        if (s["anyOf"] is JsonArray any && !any.Any(sub => Valid(value, sub, depth)))
            errors.Add($"{Name(path)}: does not match any of the allowed shapes");
        if (s["oneOf"] is JsonArray one && one.Count(sub => Valid(value, sub, depth)) != 1)
            errors.Add($"{Name(path)}: must match exactly one of the allowed shapes");
        if (s["if"] is { } cond && Valid(value, cond, depth))
            Check(value, s["then"], path, errors, depth + 1);
        else if (s["if"] is not null)
            Check(value, s["else"], path, errors, depth + 1);
    }

    private bool Valid(JsonNode? value, JsonNode? schema, int depth)
    {
        var errors = new List<string>();
        Check(value, schema, "", errors, depth + 1);
        return errors.Count == 0;
    }

    private void CheckObject(JsonObject obj, JsonObject s, string path, List<string> errors, int depth)
    {
        if (s["required"] is JsonArray required)
            foreach (var name in required.Select(n => n!.GetValue<string>()))
                if (!obj.ContainsKey(name)) errors.Add($"{Join(path, name)} is required");
        var props = s["properties"] as JsonObject;
        foreach (var (name, child) in obj)
        {
            if (props is not null && props.TryGetPropertyValue(name, out var propSchema))
                Check(child, propSchema, Join(path, name), errors, depth + 1);
            else if (s["additionalProperties"] is { } extra)
                Check(child, extra, Join(path, name), errors, depth + 1);
        }
    }

    private void CheckArray(JsonArray arr, JsonObject s, string path, List<string> errors, int depth)
    {
        if (Int(s, "minItems") is { } min && arr.Count < min) errors.Add($"{Name(path)}: must have at least {min} items (got {arr.Count})");
        if (Int(s, "maxItems") is { } max && arr.Count > max) errors.Add($"{Name(path)}: must have at most {max} items (got {arr.Count})");
        if (s["items"] is { } items)
            for (var i = 0; i < arr.Count; i++) Check(arr[i], items, $"{path}[{i}]", errors, depth + 1);
    }

    private void CheckString(string text, JsonObject s, string path, List<string> errors)
    {
        var length = new StringInfo(text).LengthInTextElements;
        if (Int(s, "minLength") is { } min && length < min) errors.Add($"{Name(path)}: must be at least {min} characters (got {length})");
        if (Int(s, "maxLength") is { } max && length > max) errors.Add($"{Name(path)}: must be at most {max} characters (got {length})");
        if (s["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(200)))
            errors.Add($"{Name(path)}: must match the pattern {pattern}");
        if (s["format"]?.GetValue<string>() is "uri" && !Uri.TryCreate(text, UriKind.Absolute, out _))
            errors.Add($"{Name(path)}: must be an absolute URL (got {Show(JsonValue.Create(text))})");
        if (s["format"]?.GetValue<string>() is "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors.Add($"{Name(path)}: must be an RFC 3339 date-time");
    }

    private void CheckNumber(double n, JsonObject s, string path, List<string> errors)
    {
        var shown = n.ToString(CultureInfo.InvariantCulture);
        if (Num(s, "minimum") is { } min && n < min) errors.Add($"{Name(path)}: must be >= {Show(s["minimum"])} (got {shown})");
        if (Num(s, "maximum") is { } max && n > max) errors.Add($"{Name(path)}: must be <= {Show(s["maximum"])} (got {shown})");
        if (Num(s, "exclusiveMinimum") is { } xmin && n <= xmin) errors.Add($"{Name(path)}: must be > {Show(s["exclusiveMinimum"])} (got {shown})");
        if (Num(s, "exclusiveMaximum") is { } xmax && n >= xmax) errors.Add($"{Name(path)}: must be < {Show(s["exclusiveMaximum"])} (got {shown})");
    }

    private JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
            throw new NotSupportedException($"Only local references are supported, got '{reference}'.");
        JsonNode? node = refRoot;
        foreach (var part in reference[2..].Split('/'))
            node = node?[part.Replace("~1", "/").Replace("~0", "~")];
        return node ?? throw new InvalidOperationException($"Unresolvable reference '{reference}'.");
    }

    private static bool TypeMatches(JsonNode? value, JsonNode type) => type switch
    {
        JsonArray many => many.Any(t => IsType(value, t!.GetValue<string>())),
        _ => IsType(value, type.GetValue<string>()),
    };

    private static bool IsType(JsonNode? value, string type) => type switch
    {
        "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && Number(v) % 1 == 0,
        "number" => KindOf(value) is "number" or "integer",
        _ => KindOf(value) == type,
    };

    internal static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => Number(v) % 1 == 0 ? "integer" : "number",
            _ => "null",
        },
        _ => "unknown",
    };

    /// <summary>A JSON number as a double, whatever CLR type the node holds (spec nodes hold longs, parsed ones elements).</summary>
    /// <summary>
    /// A schema's JSON type: its <c>type</c>, the first one other than null of a list (<c>"null"</c> when that is all), or,
    /// without one, <c>object</c> for a schema with properties and <c>array</c> for one with items; else null.
    /// </summary>
    internal static string? TypeOf(JsonObject s) => Specwright.Generator.RawSpec.TypeOf(s);

    internal static double Number(JsonValue v) => Specwright.Generator.RawSpec.Number(v);

    private static string TypeText(JsonNode type) =>
        type is JsonArray many ? string.Join(" or ", many.Select(t => t!.GetValue<string>())) : type.GetValue<string>();

    private static int? Int(JsonObject s, string name) => s[name] is JsonValue v ? (int)Number(v) : null;
    private static double? Num(JsonObject s, string name) =>
        s[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? Number(v) : null;

    private static string Show(JsonNode? n) => n?.ToJsonString() ?? "null";
    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    private string Name(string path) => path.Length == 0 ? rootName : path;
}
