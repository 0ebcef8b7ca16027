using System.Text.Json.Nodes;
using Specwright.Generator;

namespace Specwright.Sandbox.Spec;

/// <summary>
/// A value that satisfies a schema, for an answer the spec gives no example of: each property's own example, default,
/// first enum value or const; else a plain value of its type, within its bounds and formats. Every property is filled
/// (required or not), so a client sees the whole shape.
/// </summary>
internal sealed class SchemaSample(JsonObject spec)
{
    public JsonNode? Make(JsonNode? schema) => Make(schema, "value", depth: 0);

    private JsonNode? Make(JsonNode? node, string name, int depth)
    {
        var s = RawSpec.Resolve(spec, node) ?? node as JsonObject;
        if (s is null || depth > 12) return null;
        if (s.TryGetPropertyValue("const", out var constant)) return constant?.DeepClone();
        if (s["example"] is { } example) return example.DeepClone();
        if (s["default"] is { } fallback) return fallback.DeepClone();
        if (s["enum"] is JsonArray { Count: > 0 } options) return options.FirstOrDefault(o => o is not null)?.DeepClone();
        if ((s["oneOf"] ?? s["anyOf"]) is JsonArray { Count: > 0 } branches)
            return Make(branches.FirstOrDefault(b => (RawSpec.Resolve(spec, b) ?? b as JsonObject)?["type"]?.ToString() != "null"), name, depth + 1);
        if (s["allOf"] is JsonArray parts)
        {
            var merged = new JsonObject();
            foreach (var part in parts)
                if (Make(part, name, depth + 1) is JsonObject o)
                    foreach (var (k, v) in o) merged[k] = v?.DeepClone();
            return merged;
        }
        return SchemaCheck.TypeOf(s) switch
        {
            "object" => Object(s, depth),
            "array" => new JsonArray(Enumerable.Range(0, (int)Math.Max(1, Number(s["minItems"]) ?? 1)).Select(_ => Make(s["items"], name, depth + 1)).ToArray()),
            "integer" => JsonValue.Create((long)Math.Ceiling(Number(s["minimum"]) ?? (Number(s["exclusiveMinimum"]) + 1) ?? 1)),
            "number" => JsonValue.Create(Number(s["minimum"]) ?? (Number(s["exclusiveMinimum"]) + 0.5) ?? 1.5),
            "boolean" => JsonValue.Create(true),
            "null" => null,
            _ => JsonValue.Create(Text(s, name)),
        };
    }

    private JsonObject Object(JsonObject s, int depth)
    {
        var o = new JsonObject();
        foreach (var (key, property) in s["properties"] as JsonObject ?? [])
            o[key] = Make(property, key, depth + 1);
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
            _ => "sample_" + name,
        };
        var min = (int)(Number(s["minLength"]) ?? 0);
        var max = (int)(Number(s["maxLength"]) ?? int.MaxValue);
        if (text.Length < min) text = text.PadRight(min, 'x');
        return text.Length > max ? text[..max] : text;
    }

    private static double? Number(JsonNode? n) => n is JsonValue v ? SchemaCheck.Number(v) : null;
}
