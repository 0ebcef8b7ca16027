using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// An extensible string enum, written the way JSON Schema validators read it: <c>anyOf: [{type: string, enum: [...]},
/// {type: string}]</c> (the known values, and any other string). The SDK's string enums already keep unknown values
/// (<c>IsKnown == false</c>), so for code generation the schema becomes the plain enum of its known values; the spec
/// stays honest for validators, the sandbox and the docs, which then accept a value the vendor adds.
/// </summary>
public static class OpenEnums
{
    /// <summary>Set on a collapsed schema: its enum lists the known values, and any other string is valid too.</summary>
    public const string Marker = "x-specwright-open-enum";

    /// <summary>Rewrites every extensible enum of <paramref name="root"/> in place; returns how many.</summary>
    public static int Collapse(JsonNode? root)
    {
        var count = 0;
        Visit(root, ref count);
        return count;
    }

    private static void Visit(JsonNode? node, ref int count)
    {
        switch (node)
        {
            case JsonObject o:
                if (Known(o) is { } known)
                {
                    o.Remove("anyOf");
                    o["type"] = "string";
                    o["enum"] = known.DeepClone();
                    o[Marker] = true;
                    count++;
                }
                foreach (var (_, child) in o.ToList()) Visit(child, ref count);
                break;
            case JsonArray a:
                foreach (var child in a.ToList()) Visit(child, ref count);
                break;
        }
    }

    /// <summary>The known values when <paramref name="schema"/> is <c>anyOf</c> a string enum and any string; else null.</summary>
    private static JsonArray? Known(JsonObject schema)
    {
        if (schema["anyOf"] is not JsonArray { Count: 2 } branches) return null;
        var values = branches.OfType<JsonObject>().FirstOrDefault(b => b["enum"] is JsonArray && IsString(b));
        var any = branches.OfType<JsonObject>().FirstOrDefault(b => b["enum"] is null && IsString(b) && b.Count == 1);
        return values is not null && any is not null && !ReferenceEquals(values, any) ? (JsonArray)values["enum"]! : null;
    }

    private static bool IsString(JsonObject schema) => schema["type"] is JsonValue t && t.TryGetValue<string>(out var s) && s == "string";
}
