using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// A value that satisfies a schema, for an answer (the sandbox) or a request (spec-check) the spec gives no example of:
/// each property's own example, default, first enum value or const; else a plain value of its type, within its bounds,
/// formats and pattern. Every property is filled (required or not), so the other side sees the whole shape; a request
/// leaves out <c>readOnly</c> properties and an answer <c>writeOnly</c> ones, as the specification says.
/// </summary>
/// <remarks>
/// A schema that contains itself (a task's <c>next</c> tasks) is followed once: where it comes back, an optional property is
/// left out and an array is empty (at its <c>minItems</c>, filled once more, only when the schema asks for items).
/// </remarks>
public sealed class SchemaSample(JsonObject spec, bool forRequest = false)
{
    private readonly HashSet<string> _open = [];

    public JsonNode? Make(JsonNode? schema) => Make(schema, "value", depth: 0);

    private JsonNode? Make(JsonNode? node, string name, int depth)
    {
        if (node?["$ref"]?.GetValue<string>() is { } reference)
        {
            if (!_open.Add(reference)) return depth > 12 ? null : MakeResolved(node, name, depth);
            try
            {
                return MakeResolved(node, name, depth);
            }
            finally
            {
                _open.Remove(reference);
            }
        }
        return MakeResolved(node, name, depth);
    }

    /// <summary>True when <paramref name="node"/> (or its items) is a schema being made further up: filling it would go round.</summary>
    private bool Recurs(JsonNode? node) =>
        node?["$ref"]?.GetValue<string>() is { } r ? _open.Contains(r) : node?["items"] is { } items && Recurs(items);

    private JsonNode? MakeResolved(JsonNode? node, string name, int depth)
    {
        var s = RawSpec.Resolve(spec, node) ?? node as JsonObject;
        if (s is null || depth > 12) return null;
        if (s.TryGetPropertyValue("const", out var constant)) return constant?.DeepClone();
        // A vendor's example or default of another type than its schema's (max_tokens: default "inf") is not used.
        if (s["example"] is { } example && Fits(example, s)) return example.DeepClone();
        if (s["examples"] is JsonArray { Count: > 0 } examples && Fits(examples[0], s)) return examples[0]?.DeepClone();
        if (s["default"] is { } fallback && Fits(fallback, s)) return fallback.DeepClone();
        if (s["enum"] is JsonArray { Count: > 0 } options) return options.FirstOrDefault(o => o is not null)?.DeepClone();
        if ((s["oneOf"] ?? s["anyOf"]) is JsonArray { Count: > 0 } branches)
            return Make(branches.FirstOrDefault(b => (RawSpec.Resolve(spec, b) ?? b as JsonObject)?["type"]?.ToString() != "null"), name, depth + 1);
        if (s["allOf"] is JsonArray parts)
        {
            // Objects merge; a part that is not an object (allOf: [$ref: AnEnum], nullable) is the value itself.
            var merged = new JsonObject();
            foreach (var part in parts)
                switch (Make(part, name, depth + 1))
                {
                    case JsonObject o:
                        foreach (var (k, v) in o) merged[k] = v?.DeepClone();
                        break;
                    case { } value when parts.Count == 1:
                        return value;
                }
            return merged;
        }
        return RawSpec.TypeOf(s) switch
        {
            "object" => Object(s, depth),
            "array" => new JsonArray(Enumerable.Range(0, Items(s)).Select(_ => Make(s["items"], name, depth + 1)).ToArray()),
            "integer" => JsonValue.Create((long)Math.Ceiling(Least(s, 1) ?? 1)),
            "number" => JsonValue.Create(Least(s, 0.5) ?? 1.5),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => JsonValue.Create(Text(s, name)),
        };
    }

    /// <summary>
    /// How many items an array gets: its <c>minItems</c>, at least one (none where the items would go round); a request's
    /// two where allowed, so a form or query array is told from a single value on the wire.
    /// </summary>
    private int Items(JsonObject s)
    {
        var min = (int)(Number(s["minItems"]) ?? 0);
        if (Recurs(s["items"])) return min;
        return Math.Max(min, (int)Math.Min(forRequest ? 2 : 1, Number(s["maxItems"]) ?? 2));
    }

    private static readonly string[] Constraints =
        ["type", "properties", "items", "enum", "const", "allOf", "anyOf", "oneOf", "not", "$ref", "required", "pattern", "format",
         "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "additionalProperties"];

    /// <summary>
    /// A <c>oneOf</c> no value can match: one of its branches accepts anything (a vendor wrote <c>ref:</c> for <c>$ref:</c>), so
    /// every value matches two. An optional property of that shape is left out of a request.
    /// </summary>
    private bool Unsatisfiable(JsonObject? s) =>
        s?["oneOf"] is JsonArray { Count: >= 2 } branches
        && branches.Any(b => (RawSpec.Resolve(spec, b) ?? b as JsonObject) is { } branch && !Constraints.Any(branch.ContainsKey));

    private static bool Fits(JsonNode? value, JsonObject s) => (RawSpec.TypeOf(s), value?.GetValueKind()) switch
    {
        (null, _) or (_, null) => true,
        ("string", var kind) => kind == System.Text.Json.JsonValueKind.String,
        ("integer" or "number", var kind) => kind == System.Text.Json.JsonValueKind.Number,
        ("boolean", var kind) => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
        ("array", var kind) => kind == System.Text.Json.JsonValueKind.Array,
        ("object", var kind) => kind == System.Text.Json.JsonValueKind.Object,
        _ => true,
    };

    private JsonObject Object(JsonObject s, int depth)
    {
        var o = new JsonObject();
        foreach (var (key, property) in s["properties"] as JsonObject ?? [])
        {
            var p = RawSpec.Resolve(spec, property) ?? property as JsonObject;
            if (p?[forRequest ? "readOnly" : "writeOnly"] is JsonValue hidden && hidden.TryGetValue<bool>(out var yes) && yes) continue;
            var optional = !(s["required"] as JsonArray ?? []).Any(r => r?.GetValue<string>() == key);
            if (optional && (Recurs(property) || (forRequest && Unsatisfiable(p)))) continue;
            o[key] = Make(property, key, depth + 1);
        }
        return o;
    }

    private static string Text(JsonObject s, string name)
    {
        var text = s["format"]?.GetValue<string>() switch
        {
            "date-time" => "2026-01-01T00:00:00Z",
            "date" => "2026-01-01",
            "uri" or "url" => "https://example.com/" + name,
            "email" => "user@example.com",
            "uuid" => "00000000-0000-4000-8000-000000000000",
            "byte" or "binary" => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("sample_" + name)),
            _ => s["pattern"]?.GetValue<string>() is { } pattern && PatternSample.Make(pattern) is { } matching ? matching : "sample_" + name,
        };
        var min = (int)(Number(s["minLength"]) ?? 0);
        var max = (int)(Number(s["maxLength"]) ?? int.MaxValue);
        if (text.Length < min) text = text.PadRight(min, 'x');
        return text.Length > max ? text[..max] : text;
    }

    private static double? Number(JsonNode? n) => n is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? RawSpec.Number(v) : null;

    /// <summary>The least value a number schema allows, <paramref name="step"/> above an exclusive bound (3.1's number or 3.0's <c>true</c>).</summary>
    private static double? Least(JsonObject s, double step) =>
        s["exclusiveMinimum"] is JsonValue exclusive && exclusive.GetValueKind() == System.Text.Json.JsonValueKind.True
            ? Number(s["minimum"]) + step
            : Number(s["minimum"]) ?? Number(s["exclusiveMinimum"]) + step;
}
