using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// The spec as a plain JSON tree, for reading the x-specwright-* vendor extensions. NSwag's object
/// model drops what it does not know (if/then), so facts are read from the document itself.
/// </summary>
public static class RawSpec
{
    public static JsonObject Load(string path)
    {
        using var reader = File.OpenText(path);
        return Specwright.Shared.YamlJson.Load(reader);
    }

    /// <summary>Follows local <c>$ref</c>s (<c>#/components/...</c>, with JSON Pointer escapes) to the object they name.</summary>
    public static JsonObject? Resolve(JsonObject root, JsonNode? node)
    {
        for (var i = 0; i < 8 && node?["$ref"]?.GetValue<string>() is { } r; i++)
            node = r.StartsWith("#/", StringComparison.Ordinal)
                ? r[2..].Split('/').Aggregate((JsonNode?)root, (n, part) => n?[part.Replace("~1", "/").Replace("~0", "~")])
                : null;
        return node as JsonObject;
    }

    /// <summary>A schema's type: the first non-null of a 3.1 type list, else what its keywords imply (<c>properties</c>, <c>items</c>).</summary>
    public static string? TypeOf(JsonObject s) => s["type"] switch
    {
        JsonArray many => many.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        JsonValue one => one.GetValue<string>(),
        _ when s["properties"] is not null => "object",
        _ when s["items"] is not null => "array",
        _ => null,
    };

    public static double Number(JsonValue v) =>
        double.Parse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Follows a local "#/components/schemas/X" reference and returns X.</summary>
    public static string RefName(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? r["#/components/schemas/".Length..]
            : throw new InvalidOperationException($"Expected a $ref to a component schema, found: {schema?.ToJsonString()}");
}
