using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>One branch of a union: the C# type it reads as, the JSON it looks like, and how it is told apart.</summary>
/// <param name="Component">The component schema the branch references, or null for an inline scalar or array.</param>
/// <param name="Kind">The JSON value kind: <c>Object</c>, <c>Array</c>, <c>String</c>, <c>Number</c>, <c>True</c> (either boolean) or null for any.</param>
/// <param name="Integer">A number branch that must be whole (<c>type: integer</c>).</param>
/// <param name="Required">Properties an object must have to be this branch.</param>
/// <param name="DiscriminatorValues">The discriminator values that name this branch.</param>
/// <param name="ListOf">For an array branch, the component its items reference (read as <c>IList&lt;T&gt;</c>).</param>
/// <param name="Constants">Properties the branch pins to one string (<c>scraper: {const: chatgpt}</c>): a discriminator by shape.</param>
public sealed record UnionBranch(string? Component, string? Kind, bool Integer, IReadOnlyList<string> Required, IReadOnlyList<string> DiscriminatorValues,
    string? ListOf, string? Scalar)
{
    public IReadOnlyList<(string Property, string Value)> Constants { get; init; } = [];
}

/// <summary>A <c>oneOf</c>/<c>anyOf</c> of two or more kinds, named as a component (<see cref="InlineSchemas"/>).</summary>
public sealed record UnionFact(string Component, string? Description, string? DiscriminatorProperty, IReadOnlyList<UnionBranch> Branches);

/// <summary>
/// <c>oneOf</c>/<c>anyOf</c> of several kinds, read as what they are: a union whose branch is chosen by the discriminator
/// when the spec names one, else by shape (JSON kind, then required properties), that keeps the JSON as it came and
/// gives each branch a typed accessor. NSwag sees such a component as an opaque class and does not write it;
/// <see cref="UnionEmitter"/> does.
/// </summary>
public static class Unions
{
    private const string SchemaRef = "#/components/schemas/";

    /// <summary>Two or more non-null branches and no properties of its own (a schema with properties is a class, its oneOf a validation rule).</summary>
    public static bool IsUnion(JsonObject schema) =>
        (schema["oneOf"] ?? schema["anyOf"]) is JsonArray branches
        && branches.OfType<JsonObject>().Count(b => !(b["type"] is JsonValue t && t.TryGetValue<string>(out var n) && n == "null")) >= 2
        && schema["properties"] is not JsonObject { Count: > 0 }
        && schema["allOf"] is null;

    public static List<UnionFact> Read(JsonObject root)
    {
        var schemas = root["components"]?["schemas"] as JsonObject ?? [];
        var unions = new List<UnionFact>();
        foreach (var (key, node) in schemas)
        {
            if (node is not JsonObject schema || !IsUnion(schema)) continue;
            var list = (JsonArray)(schema["oneOf"] ?? schema["anyOf"])!;
            var discriminator = schema["discriminator"] as JsonObject;
            var mapping = (discriminator?["mapping"] as JsonObject ?? []).Select(kv => (Value: kv.Key, Target: kv.Value?.GetValue<string>())).ToList();
            var branches = new List<UnionBranch>();
            foreach (var b in list.OfType<JsonObject>())
            {
                // `allOf: [{$ref: X}, {properties: {kind: {const: x}}}]` is X pinned by a constant: read as X.
                var reference = b["$ref"]?.GetValue<string>()
                    ?? (b["allOf"] as JsonArray)?.OfType<JsonObject>().Select(p => p["$ref"]?.GetValue<string>()).OfType<string>().FirstOrDefault();
                var component = reference is not null && reference.StartsWith(SchemaRef, StringComparison.Ordinal) ? reference[SchemaRef.Length..].Replace("~1", "/").Replace("~0", "~") : null;
                var target = (b["$ref"] is null && reference is not null ? RawSpec.Resolve(root, new JsonObject { ["$ref"] = reference }) : RawSpec.Resolve(root, b)) ?? b;
                var type = target["type"]?.GetValue<string>();
                if (type == "null") continue;
                var kind = type switch
                {
                    "object" => "Object",
                    "array" => "Array",
                    "string" => "String",
                    "integer" or "number" => "Number",
                    "boolean" => "True",
                    _ => target["properties"] is JsonObject || target["allOf"] is JsonArray ? "Object" : target["enum"] is JsonArray ? "String" : null,
                };
                var values = mapping.Where(m => m.Target == reference).Select(m => m.Value).ToList();
                // Without a mapping, a discriminated branch is named by its component's name (as OpenAPI says).
                if (discriminator is not null && values.Count == 0 && component is not null) values.Add(component);
                var listOf = kind == "Array" && target["items"]?["$ref"]?.GetValue<string>() is { } itemRef && itemRef.StartsWith(SchemaRef, StringComparison.Ordinal)
                    ? itemRef[SchemaRef.Length..] : null;
                var scalar = component is not null && kind == "Object" ? null : (kind, type, target["format"]?.GetValue<string>()) switch
                {
                    ("String", _, _) when component is null || target["enum"] is null => "string",
                    ("Number", "integer", _) => "long",
                    ("Number", _, _) => "double",
                    ("True", _, _) => "bool",
                    _ => null,
                };
                branches.Add(new UnionBranch(kind == "Object" || kind is "String" && target["enum"] is JsonArray ? component : null, kind, type == "integer",
                    RequiredOf(root, target, 0).Distinct().ToList(), values, listOf, scalar) { Constants = ConstantsOf(b).ToList() });
            }
            unions.Add(new UnionFact(key, schema["description"]?.GetValue<string>() ?? schema["title"]?.GetValue<string>(),
                discriminator?["propertyName"]?.GetValue<string>(), branches));
        }
        return unions;
    }

    /// <summary>String constants a branch pins, in its own properties or its inline <c>allOf</c> parts.</summary>
    private static IEnumerable<(string, string)> ConstantsOf(JsonObject branch)
    {
        foreach (var part in (branch["allOf"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["$ref"] is null).Prepend(branch))
        foreach (var (name, property) in part["properties"] as JsonObject ?? [])
            if (property?["const"] is JsonValue v && v.TryGetValue<string>(out var value)) yield return (name, value);
            else if (property?["enum"] is JsonArray { Count: 1 } e && e[0] is JsonValue one && one.TryGetValue<string>(out var only)) yield return (name, only);
    }

    /// <summary>The properties an object must have: its own <c>required</c> and those of its <c>allOf</c> parts.</summary>
    private static IEnumerable<string> RequiredOf(JsonObject root, JsonObject schema, int depth)
    {
        foreach (var r in (schema["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).OfType<string>()) yield return r;
        if (depth > 8) yield break;
        foreach (var part in (schema["allOf"] as JsonArray ?? []).Select(p => RawSpec.Resolve(root, p)).OfType<JsonObject>())
            foreach (var r in RequiredOf(root, part, depth + 1)) yield return r;
    }

    /// <summary>The document NSwag reads: each union component becomes an opaque object, so NSwag refers to it by name and writes no members for it.</summary>
    public static JsonObject ForNSwag(JsonObject root, IReadOnlyList<UnionFact> unions)
    {
        if (unions.Count == 0) return root;
        var copy = (JsonObject)root.DeepClone();
        var schemas = copy["components"]!["schemas"]!.AsObject();
        foreach (var u in unions)
        {
            // One placeholder property keeps NSwag from reading the object as "any value" (JsonElement); the class itself is
            // excluded from NSwag's output by name (ExcludedTypeNames) and written by UnionEmitter.
            var opaque = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["x-specwright-union"] = new JsonObject { ["type"] = "string" } } };
            if (schemas[u.Component]?["nullable"] is JsonValue n) opaque["nullable"] = n.DeepClone();
            schemas[u.Component] = opaque;
        }
        return copy;
    }
}
