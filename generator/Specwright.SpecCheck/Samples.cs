using System.Text.Json.Nodes;
using Specwright.Generator;
using Specwright.Generator.Model;

namespace Specwright.SpecCheck;

/// <summary>
/// What one call sends, from the spec alone: each parameter's example (its own, else its schema's) or a value its schema
/// allows, and a body of the operation's first media type, from its example or its schema (readOnly properties left out).
/// </summary>
internal sealed class Samples(JsonObject spec)
{
    private readonly SchemaSample _request = new(spec, forRequest: true);

    /// <summary>The parameter's example, then (should the example not read as the SDK's type) a value made from its schema.</summary>
    public IEnumerable<JsonNode?> Parameter(ApiParameter parameter, bool fromSchemaOnly = false)
    {
        if (!fromSchemaOnly && (parameter.Node["example"] ?? (parameter.Node["examples"] as JsonObject)?.Select(e => RawSpec.Resolve(spec, e.Value)?["value"]).FirstOrDefault(v => v is not null))
            is { } example)
            yield return example.DeepClone();
        yield return _request.Make(parameter.Schema);
    }

    /// <summary>The media type's example, then a value made from its schema (a vendor's example may not fit its own schema).</summary>
    public IEnumerable<JsonNode?> Body(ApiContent content, bool fromSchemaOnly = false)
    {
        if (!fromSchemaOnly && content.Example is { } example) yield return example.DeepClone();
        yield return _request.Make(content.Schema);
    }

    /// <summary>The sample of one property of an object body (a form or multipart field the SDK takes as its own argument).</summary>
    public IEnumerable<JsonNode?> Property(ApiContent content, string name, bool fromSchemaOnly = false) =>
        Body(content, fromSchemaOnly).OfType<JsonObject>().Select(body => body.FirstOrDefault(p => ArgumentNames.Same(p.Key, name)))
            .Where(found => found.Key is not null).Select(found => found.Value?.DeepClone());

    public bool HasProperty(ApiContent content, string name) =>
        content.Resolved?["properties"] is JsonObject properties && properties.Any(p => ArgumentNames.Same(p.Key, name));
}

/// <summary>A spec's names and the SDK's C# names for them compare by letters and digits alone (<c>run_id</c> is <c>runId</c>).</summary>
internal static class ArgumentNames
{
    public static bool Same(string specName, string csharpName) => Key(specName) == Key(csharpName);

    private static string Key(string name) => new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
