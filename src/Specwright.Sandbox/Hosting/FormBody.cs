using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Generator;

namespace Specwright.Sandbox.Hosting;

/// <summary>
/// A form or multipart body as the JSON object its schema describes, so one schema check covers every media type: each field
/// typed by its property's schema (an array from repeated fields, <c>key[]</c> spelled either way; <c>name[member]</c> as an
/// object's member), a file as its file name.
/// </summary>
internal static class FormBody
{
    public static async Task<JsonObject?> ReadAsync(HttpContext http, JsonObject spec, JsonObject? schema, List<ValidationIssue> issues)
    {
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            issues.Add(new ValidationIssue("body", "", $"request body is not a valid {http.Request.ContentType}: {e.Message}", IssueKind.Type));
            return null;
        }
        var properties = schema?["properties"] as JsonObject;
        var body = new JsonObject();
        foreach (var (key, values) in form)
            Set(body, key.EndsWith("[]", StringComparison.Ordinal) ? key[..^2] : key, values.Select(v => v ?? "").ToArray(), spec, properties);
        foreach (var group in form.Files.GroupBy(f => f.Name))
            Set(body, group.Key, group.Select(f => f.FileName).ToArray(), spec, properties);
        return body;
    }

    private static void Set(JsonObject body, string key, string[] values, JsonObject spec, JsonObject? properties)
    {
        var open = key.IndexOf('[');
        if (open > 0 && key.EndsWith(']'))
        {
            // name[member]: a member of an object property (the deepObject spelling the SDKs send).
            var name = key[..open];
            var member = key[(open + 1)..^1];
            var inner = RawSpec.Resolve(spec, properties?[name]);
            if (body[name] is not JsonObject target) body[name] = target = new JsonObject();
            Set(target, member, values, spec, inner?["properties"] as JsonObject);
            return;
        }
        var schema = RawSpec.Resolve(spec, properties?[key]);
        if (schema is not null && RawSpec.TypeOf(schema) == "array")
        {
            var items = RawSpec.Resolve(spec, schema!["items"]);
            var array = new JsonArray();
            foreach (var value in values) array.Add(Typed(value, items));
            body[key] = array;
        }
        else body[key] = Typed(values[^1], schema);
    }

    /// <summary>The field's text as its schema's type when it reads as one; else the text, which the schema check then names.</summary>
    private static JsonNode? Typed(string text, JsonObject? schema)
    {
        switch (schema is null ? null : RawSpec.TypeOf(schema))
        {
            case "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                return JsonValue.Create(l);
            case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                return JsonValue.Create(d);
            case "boolean" when text is "true" or "false":
                return JsonValue.Create(text == "true");
            case "object" or "array" when text.TrimStart().StartsWith('{') || text.TrimStart().StartsWith('['):
                try { return JsonNode.Parse(text); }
                catch (System.Text.Json.JsonException) { return JsonValue.Create(text); }
            default:
                return JsonValue.Create(text);
        }
    }
}
