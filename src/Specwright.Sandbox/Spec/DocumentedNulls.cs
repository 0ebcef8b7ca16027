using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.Core.Http;
using Specwright.Generator;
using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Spec;

/// <summary>
/// The fields a spec's examples show as <c>null</c> (a PDF's <c>metadata</c>, a fresh key's <c>last_run</c>): where the vendor
/// documents null, a reply sends null, not nothing, as the vendor does. The simulations serialize with the SDK's models, which
/// leave nulls out, so each JSON success reply of an operation whose schema has such fields gets them back. A field no example
/// shows as null stays absent when it is unset, as the vendor leaves it.
/// </summary>
internal sealed class DocumentedNulls
{
    private const int MaxDepth = 32;
    private readonly JsonObject _spec;
    // The object schemas (by identity) that declare a documented-null field, and its names.
    private readonly Dictionary<JsonObject, HashSet<string>> _nulls = new(ReferenceEqualityComparer.Instance);

    public DocumentedNulls(JsonObject spec)
    {
        _spec = spec;
        foreach (var media in JsonMedia(spec))
        foreach (var example in Examples(media))
            Record(example, media["schema"], 0);
    }

    /// <summary>The reply with each documented-null field of its schema that it leaves out written as null; any other reply as it is.</summary>
    public Reply Fill(OperationInfo operation, Reply reply)
    {
        if (_nulls.Count == 0 || reply.Status is < 200 or > 299 || !reply.ContentType.StartsWith("application/json", StringComparison.Ordinal)) return reply;
        // Only a reply whose schema can hold a documented-null field is parsed (once per operation and status, looked up after).
        var schema = _schemas.GetOrAdd((operation.Id, reply.Status), _ =>
        {
            var found = RawSpec.Resolve(_spec, _spec["paths"]?[operation.Path]?[operation.Method.ToLowerInvariant()]?["responses"]?[reply.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)])
                ?["content"]?["application/json"]?["schema"];
            return Reaches(found, new HashSet<JsonObject>(ReferenceEqualityComparer.Instance)) ? found : null;
        });
        if (schema is null || JsonNode.Parse(reply.Body) is not { } body || !Fill(body, schema, 0)) return reply;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            body.WriteTo(writer);
        return reply with { Body = buffer.ToArray() };
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Operation, int Status), JsonNode?> _schemas = new();

    /// <summary>Whether a schema, through its properties, items and branches, declares a documented-null field.</summary>
    private bool Reaches(JsonNode? schemaNode, HashSet<JsonObject> seen)
    {
        foreach (var (schema, properties) in ObjectSchemas(schemaNode, 0))
        {
            if (!seen.Add(schema)) continue;
            if (_nulls.ContainsKey(schema)) return true;
            if (properties is not null && properties.Any(p => Reaches(p.Value, seen))) return true;
            if (schema["items"] is { } items && Reaches(items, seen)) return true;
        }
        return false;
    }

    private void Record(JsonNode? value, JsonNode? schemaNode, int depth)
    {
        foreach (var (schema, properties) in ObjectSchemas(schemaNode, depth))
        {
            if (value is JsonObject obj && properties is not null)
                foreach (var (name, field) in obj)
                {
                    if (!properties.ContainsKey(name)) continue;
                    if (field is null) (_nulls.TryGetValue(schema, out var names) ? names : _nulls[schema] = []).Add(name);
                    else Record(field, properties[name], depth + 1);
                }
            if (value is JsonArray items && schema["items"] is { } itemSchema)
                foreach (var item in items) Record(item, itemSchema, depth + 1);
        }
    }

    private bool Fill(JsonNode? value, JsonNode? schemaNode, int depth)
    {
        var changed = false;
        foreach (var (schema, properties) in ObjectSchemas(schemaNode, depth))
        {
            if (value is JsonObject obj)
            {
                if (_nulls.TryGetValue(schema, out var names))
                    foreach (var name in names.Where(n => !obj.ContainsKey(n)))
                    {
                        obj[name] = null;
                        changed = true;
                    }
                if (properties is not null)
                    foreach (var (name, field) in obj.ToList())
                        if (field is not null && properties[name] is { } fieldSchema) changed |= Fill(field, fieldSchema, depth + 1);
            }
            if (value is JsonArray items && schema["items"] is { } itemSchema)
                foreach (var item in items) changed |= Fill(item, itemSchema, depth + 1);
        }
        return changed;
    }

    /// <summary>The schema and every branch it composes (<c>allOf</c>, <c>oneOf</c>, <c>anyOf</c>), references followed, each with its properties.</summary>
    private IEnumerable<(JsonObject Schema, JsonObject? Properties)> ObjectSchemas(JsonNode? node, int depth)
    {
        if (depth > MaxDepth || RawSpec.Resolve(_spec, node) is not { } schema) yield break;
        yield return (schema, schema["properties"] as JsonObject);
        foreach (var key in new[] { "allOf", "oneOf", "anyOf" })
            if (schema[key] is JsonArray branches)
                foreach (var branch in branches)
                foreach (var inner in ObjectSchemas(branch, depth + 1))
                    yield return inner;
    }

    private static IEnumerable<JsonObject> JsonMedia(JsonObject spec) =>
        (spec["paths"] as JsonObject ?? []).Select(p => p.Value).OfType<JsonObject>()
            .SelectMany(item => item.Select(m => m.Value).OfType<JsonObject>().Select(operation => operation["responses"]).OfType<JsonObject>()) // not `parameters`
            .SelectMany(responses => responses.Select(r => RawSpec.Resolve(spec, r.Value)?["content"]?["application/json"]).OfType<JsonObject>());

    private IEnumerable<JsonNode> Examples(JsonObject media)
    {
        if (media["example"] is { } example) yield return example;
        foreach (var (_, named) in media["examples"] as JsonObject ?? [])
            if (RawSpec.Resolve(_spec, named)?["value"] is { } value) yield return value;
    }
}
