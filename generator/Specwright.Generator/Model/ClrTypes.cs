using System.Text.Json.Nodes;

namespace Specwright.Generator.Model;

/// <summary>
/// The C# type of a schema where the request builder and the public surface use one: a parameter, a body, a result.
/// A named schema (every object, enum and union, once <see cref="InlineSchemas"/> has run) takes the type the model
/// writer gave its component; the rest map as NJsonSchema maps them, so arguments and model properties agree.
/// </summary>
public sealed class ClrTypes(ServiceModel model, Func<string, string?> componentType)
{
    private const string SchemaRef = "#/components/schemas/";

    /// <summary>Where a type is used: arguments take any sequence, results are lists.</summary>
    public enum Use { Argument, Result }

    public const string Any = "System.Text.Json.JsonElement";
    public const string File = "FileParameter";

    public string Of(JsonNode? schema, Use use) => Of(schema, use, 0);

    private string Of(JsonNode? node, Use use, int depth)
    {
        if (node is not JsonObject schema || depth > 16) return Any;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            if (reference.StartsWith(SchemaRef, StringComparison.Ordinal)
                && Unescape(reference[SchemaRef.Length..]) is var component && componentType(component) is { } named)
                return named;
            return Of(model.Resolve(schema), use, depth + 1);
        }
        // {allOf: [{$ref}], description, nullable}: a reference with annotations (SpecNormalizer's one spelling of it).
        if (schema["allOf"] is JsonArray { Count: 1 } only && schema["properties"] is null) return Of(only[0], use, depth + 1);
        if (schema["allOf"] is JsonArray || schema["oneOf"] is JsonArray || schema["anyOf"] is JsonArray) return Any;
        var type = schema["type"]?.GetValue<string>();
        var format = schema["format"]?.GetValue<string>()?.ToLowerInvariant();
        return type switch
        {
            "string" => format switch
            {
                "date-time" => "System.DateTimeOffset",
                "date" => "System.DateOnly",
                "time" or "duration" or "time-span" => "System.TimeSpan",
                "uuid" or "guid" => "System.Guid",
                "uri" => "System.Uri",
                "byte" or "base64" => "byte[]",
                "binary" => use == Use.Argument ? File : "byte[]",
                _ => "string",
            },
            "integer" => format is "int64" or "long" ? "long" : "int",
            "number" => format switch { "float" => "float", "decimal" => "decimal", "int64" or "long" => "long", "int32" => "int", _ => "double" },
            "boolean" => "bool",
            "array" => $"{(use == Use.Argument ? "System.Collections.Generic.IEnumerable" : "System.Collections.Generic.IList")}<{Of(schema["items"], use, depth + 1)}>",
            "object" when schema["additionalProperties"] is JsonObject value && schema["properties"] is null
                => $"System.Collections.Generic.IDictionary<string, {Of(value, use, depth + 1)}>",
            _ => Any,
        };
    }

    /// <summary>A schema that is a file: <c>type: string, format: binary</c>.</summary>
    public bool IsFile(JsonNode? schema) => model.Resolve(schema) is { } s && s["type"]?.GetValue<string>() == "string" && s["format"]?.GetValue<string>() == "binary";

    /// <summary>The component a schema names (through an annotated <c>allOf</c> of one reference), if any.</summary>
    public static string? ComponentOf(JsonNode? schema)
    {
        if (schema?["allOf"] is JsonArray { Count: 1 } only && schema["properties"] is null) schema = only[0];
        return schema?["$ref"]?.GetValue<string>() is { } r && r.StartsWith(SchemaRef, StringComparison.Ordinal) ? Unescape(r[SchemaRef.Length..]) : null;
    }

    private static string Unescape(string part) => part.Replace("~1", "/").Replace("~0", "~");
}
