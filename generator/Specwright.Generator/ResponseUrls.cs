using System.Text.Json.Nodes;
using Specwright.Generator.Model;

namespace Specwright.Generator;

/// <summary>
/// A <c>format: uri</c> value in a response stays the string the server sent instead of becoming a
/// <c>System.Uri</c>: a URL taken from the scraped web (an href with a space in the host, port 99999, a bare
/// <c>http://</c>) may not parse, and failing a call that was already billed over one link would lose its
/// result. Request URLs keep <c>System.Uri</c>, where the caller's mistake is caught before sending.
/// </summary>
internal static class ResponseUrls
{
    /// <summary>Drops <c>format: uri</c> from every schema a response can reach (in the document the model was read from); returns how many.</summary>
    public static int KeepAsStrings(ServiceModel model)
    {
        var seen = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
        var urls = new List<JsonObject>();
        foreach (var content in model.Operations.SelectMany(o => o.Responses).SelectMany(r => r.Content))
            Visit(model, content.Schema, seen, urls);
        foreach (var url in urls) url.Remove("format");
        return urls.Count;
    }

    private static void Visit(ServiceModel model, JsonNode? node, HashSet<JsonObject> seen, List<JsonObject> urls)
    {
        if (node is not JsonObject schema || !seen.Add(schema)) return;
        if (schema["$ref"] is not null)
        {
            Visit(model, model.Resolve(schema), seen, urls);
            return;
        }
        if (schema["format"]?.GetValue<string>() == "uri") urls.Add(schema);
        foreach (var (_, p) in schema["properties"] as JsonObject ?? []) Visit(model, p, seen, urls);
        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
            foreach (var s in schema[keyword] as JsonArray ?? []) Visit(model, s, seen, urls);
        Visit(model, schema["items"], seen, urls);
        Visit(model, schema["additionalProperties"], seen, urls);
    }
}
