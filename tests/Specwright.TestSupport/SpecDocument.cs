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

    /// <summary>Every example in the document with the schema it illustrates.</summary>
    public IEnumerable<SpecExample> Examples()
    {
        foreach (var (where, media) in MediaTypes())
        {
            var schema = media["schema"];
            foreach (var (name, example) in media["examples"]?.AsObject() ?? new JsonObject())
                yield return new SpecExample($"{where} example '{name}'", schema!, example!["value"]!.DeepClone());
        }
    }

    private IEnumerable<(string Where, JsonObject Media)> MediaTypes()
    {
        var sources = new List<(string, JsonObject?)>();
        foreach (var (path, item) in Root["paths"]?.AsObject() ?? new JsonObject())
            sources.Add((path, item!.AsObject()));
        foreach (var (name, item) in Root["webhooks"]?.AsObject() ?? new JsonObject())
            sources.Add(("webhook " + name, item!.AsObject()));
        foreach (var (path, item) in sources)
        foreach (var (method, op) in item!)
        {
            if (op is not JsonObject operation) continue;
            var where = $"{method.ToUpperInvariant()} {path}";
            if (operation["requestBody"]?["content"] is JsonObject reqContent)
                foreach (var (mt, media) in reqContent) yield return ($"{where} request {mt}", media!.AsObject());
            foreach (var (status, response) in operation["responses"]?.AsObject() ?? new JsonObject())
            {
                var resolved = Resolve(response!);
                if (resolved["content"] is JsonObject content)
                    foreach (var (mt, media) in content) yield return ($"{where} {status} {mt}", media!.AsObject());
            }
        }
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
    public override string ToString() => Where;
}
