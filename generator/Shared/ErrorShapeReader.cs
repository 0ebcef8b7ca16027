using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>Where an error body keeps its code, message, details and request id: property paths from its root.</summary>
public sealed record ErrorShapeFact(string[] Code, string[] Message, string[] Details, string[] RequestId);

/// <summary>
/// Reads <c>info.x-specwright-errors</c> (dotted paths: <c>code: error.type</c>), or else derives the shape
/// from the documented error responses: a code-like and a message-like string at the root or one object
/// down (<c>{"error": {"type", "message"}}</c>, <c>{"kind", "message"}</c>, <c>{"detail"}</c>).
/// </summary>
public static class ErrorShapeReader
{
    private static readonly string[] CodeNames = ["code", "type", "kind", "error_code", "error_type"];
    private static readonly string[] MessageNames = ["message", "detail", "error_description", "error_message", "msg", "title"];
    private static readonly string[] DetailsNames = ["details", "errors"];
    private static readonly string[] RequestIdNames = ["request_id", "requestId"];

    public static ErrorShapeFact Read(JsonObject root)
    {
        if (root["info"]?["x-specwright-errors"] is JsonObject declared)
            return new ErrorShapeFact(Path(declared["code"]), Path(declared["message"]), Path(declared["details"]), Path(declared["requestId"]));
        foreach (var schema in ErrorSchemas(root))
        {
            var props = Properties(root, schema);
            var shape = At(root, props, []);
            if (shape is null)
                foreach (var (name, value) in props)
                    if (At(root, Properties(root, value), [name]) is { } nested) { shape = nested; break; }
            if (shape is null) continue;
            var requestId = RequestIdNames.FirstOrDefault(props.ContainsKey);
            return shape with { RequestId = requestId is null ? [] : [requestId] };
        }
        return new ErrorShapeFact([], [], [], []);
    }

    private static ErrorShapeFact? At(JsonObject root, JsonObject props, string[] prefix)
    {
        var code = CodeNames.FirstOrDefault(n => IsString(root, props[n]));
        var message = MessageNames.FirstOrDefault(n => IsString(root, props[n]));
        if (code is null && message is null) return null;
        var details = DetailsNames.FirstOrDefault(props.ContainsKey);
        return new ErrorShapeFact(code is null ? [] : [.. prefix, code], message is null ? [] : [.. prefix, message],
            details is null ? [] : [.. prefix, details], []);
    }

    private static string[] Path(JsonNode? dotted) =>
        dotted?.GetValue<string>() is { Length: > 0 } s ? s.Split('.') : [];

    // A string, or a union with a string branch (FastAPI's `detail`: a message or a list of issues).
    private static bool IsString(JsonObject root, JsonNode? schema) =>
        Resolve(root, schema) is { } s && (s["type"] is { } t && (t is JsonArray a ? a.Any(x => x?.GetValue<string>() == "string") : t.GetValue<string>() == "string")
            || (s["oneOf"] ?? s["anyOf"]) is JsonArray branches && branches.Any(b => IsString(root, b)));

    private static JsonObject Properties(JsonObject root, JsonNode? schema) => Resolve(root, schema)?["properties"] as JsonObject ?? [];

    private static JsonObject? Resolve(JsonObject root, JsonNode? schema) => RawSpec.Resolve(root, schema);

    /// <summary>The JSON schemas of every documented error response, most used first.</summary>
    private static IEnumerable<JsonNode> ErrorSchemas(JsonObject root) =>
        (root["paths"] as JsonObject ?? [])
            .SelectMany(p => p.Value as JsonObject ?? [])
            .SelectMany(o => (o.Value as JsonObject)?["responses"] as JsonObject ?? [])
            .Where(r => r.Key.StartsWith('4') || r.Key.StartsWith('5') || r.Key == "default")
            .Select(r => Resolve(root, r.Value)?["content"]?["application/json"]?["schema"])
            .OfType<JsonNode>()
            .GroupBy(s => s.ToJsonString())
            .OrderByDescending(g => g.Count())
            .Select(g => g.First());
}
