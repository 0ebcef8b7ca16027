using NJsonSchema;
using NSwag;

namespace Specwright.Generator;

/// <summary>
/// A <c>format: uri</c> value in a response stays the string the server sent instead of becoming a
/// <c>System.Uri</c>: a URL taken from the scraped web (an href with a space in the host, port 99999, a bare
/// <c>http://</c>) may not parse, and failing a call that was already billed over one link would lose its
/// result. Request URLs keep <c>System.Uri</c>, where the caller's mistake is caught before sending.
/// </summary>
internal static class ResponseUrls
{
    /// <summary>Drops <c>format: uri</c> from every schema a response can reach; returns how many.</summary>
    public static int KeepAsStrings(OpenApiDocument document)
    {
        var seen = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var urls = new List<JsonSchema>();
        foreach (var operation in document.Operations)
        foreach (var response in operation.Operation.ActualResponses.Values)
        {
            if (response.Schema is { } schema) Visit(schema, seen, urls);
            foreach (var media in response.Content.Values)
                if (media.Schema is { } s) Visit(s, seen, urls);
        }
        foreach (var url in urls) url.Format = null;
        return urls.Count;
    }

    private static void Visit(JsonSchema schema, HashSet<JsonSchema> seen, List<JsonSchema> urls)
    {
        if (!seen.Add(schema)) return;
        if (schema.Format is JsonFormatStrings.Uri) urls.Add(schema);
        foreach (var p in schema.Properties.Values) Visit(p, seen, urls);
        foreach (var s in schema.AllOf.Concat(schema.OneOf).Concat(schema.AnyOf)) Visit(s, seen, urls);
        if (schema.Item is { } item) Visit(item, seen, urls);
        if (schema.AdditionalPropertiesSchema is { } additional) Visit(additional, seen, urls);
        if (schema.Reference is { } r) Visit(r, seen, urls);
    }
}
