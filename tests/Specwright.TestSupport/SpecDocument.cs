using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Specwright.TestSupport;

/// <summary>An OpenAPI document as a JSON tree, read the way any YAML 1.2 tool reads it.</summary>
public sealed class SpecDocument
{
    private SpecDocument(string name, JsonObject root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }
    public JsonObject Root { get; }

    public static SpecDocument Load(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", fileName);
        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build()
            .Deserialize<object>(File.ReadAllText(path));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml);
        return new SpecDocument(fileName, JsonNode.Parse(json)!.AsObject());
    }

    /// <summary>Every example in the document with the schema it illustrates (and that schema's JSON pointer in the document).</summary>
    public IEnumerable<SpecExample> Examples()
    {
        foreach (var (where, pointer, media) in MediaTypes())
        {
            var schema = media["schema"];
            foreach (var (name, example) in media["examples"]?.AsObject() ?? new JsonObject())
                yield return new SpecExample($"{where} example '{name}'", schema!, example!["value"]!.DeepClone()) { SchemaPointer = pointer + "/schema" };
            if (media["example"] is { } single)
                yield return new SpecExample($"{where} example", schema!, single.DeepClone()) { SchemaPointer = pointer + "/schema" };
        }
    }

    private static string Escape(string part) => part.Replace("~", "~0").Replace("/", "~1");

    private IEnumerable<(string Where, string Pointer, JsonObject Media)> MediaTypes()
    {
        var sources = new List<(string Where, string Pointer, JsonObject Item)>();
        foreach (var (path, item) in Root["paths"]?.AsObject() ?? new JsonObject())
            sources.Add((path, "#/paths/" + Escape(path), item!.AsObject()));
        foreach (var (name, item) in Root["webhooks"]?.AsObject() ?? new JsonObject())
            sources.Add(("webhook " + name, "#/webhooks/" + Escape(name), item!.AsObject()));
        foreach (var (path, itemPointer, item) in sources)
        foreach (var (method, op) in item!)
        {
            if (op is not JsonObject operation) continue;
            var where = $"{method.ToUpperInvariant()} {path}";
            var opPointer = $"{itemPointer}/{method}";
            if (operation["requestBody"] is { } requestBody)
            {
                var (body, bodyPointer) = ResolveWithPointer(requestBody, opPointer + "/requestBody");
                if (body["content"] is JsonObject reqContent)
                    foreach (var (mt, media) in reqContent) yield return ($"{where} request {mt}", $"{bodyPointer}/content/{Escape(mt)}", media!.AsObject());
            }
            foreach (var (status, response) in operation["responses"]?.AsObject() ?? new JsonObject())
            {
                var (resolved, responsePointer) = ResolveWithPointer(response!, $"{opPointer}/responses/{status}");
                if (resolved["content"] is JsonObject content)
                    foreach (var (mt, media) in content) yield return ($"{where} {status} {mt}", $"{responsePointer}/content/{Escape(mt)}", media!.AsObject());
            }
        }
    }

    private (JsonNode Node, string Pointer) ResolveWithPointer(JsonNode node, string pointer)
    {
        while (node["$ref"]?.GetValue<string>() is { } r)
        {
            pointer = r;
            JsonNode current = Root;
            foreach (var part in r.TrimStart('#', '/').Split('/')) current = current[part.Replace("~1", "/").Replace("~0", "~")]!;
            node = current;
        }
        return (node, pointer);
    }

    public JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } r)
        {
            JsonNode current = Root;
            foreach (var part in r.TrimStart('#', '/').Split('/')) current = current[part]!;
            node = current;
        }
        return node;
    }

    /// <summary>The component schema name a schema points at; for oneOf, the branch whose required fields the value has.</summary>
    public string SchemaNameFor(JsonNode schema, JsonNode value)
    {
        if (schema["$ref"]?.GetValue<string>() is { } r) return r.Split('/')[^1];
        if (schema["oneOf"] is JsonArray branches)
        {
            foreach (var b in branches)
            {
                var target = Resolve(b!);
                var required = target["required"]?.AsArray().Select(x => x!.GetValue<string>()) ?? [];
                if (value is JsonObject obj && required.All(obj.ContainsKey)) return b!["$ref"]!.GetValue<string>().Split('/')[^1];
            }
        }
        throw new InvalidOperationException($"no component schema fits {value.ToJsonString()}");
    }
}

public sealed record SpecExample(string Where, JsonNode Schema, JsonNode Value)
{
    /// <summary>Where the example's schema is in the document, as a JSON pointer (<c>#/paths/~1scrape/post/…/schema</c>).</summary>
    public string SchemaPointer { get; init; } = "";

    public override string ToString() => Where;
}
