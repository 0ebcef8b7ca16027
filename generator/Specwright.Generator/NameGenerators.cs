using NJsonSchema;
using NJsonSchema.CodeGeneration;
using NSwag;
using NSwag.CodeGeneration;

namespace Specwright.Generator;

/// <summary>snake_case wire names become PascalCase properties (run_status -> RunStatus).</summary>
internal sealed class PascalPropertyNameGenerator : IPropertyNameGenerator
{
    public string Generate(JsonSchemaProperty property) => Naming.Pascal(property.Name);
}

/// <summary>Enum members: in_progress -> InProgress.</summary>
internal sealed class PascalEnumNameGenerator : IEnumNameGenerator
{
    public string Generate(int index, string? name, object? value, JsonSchema schema) =>
        Naming.Pascal(name ?? value?.ToString() ?? throw new InvalidOperationException("enum member without a value"));
}

/// <summary>
/// Component schemas keep their spec name. An inline schema gets no invented name such as
/// "Anonymous2" or "Response": the generator fails and says which schema to move into components.
/// </summary>
internal sealed class StrictTypeNameGenerator(IReadOnlyDictionary<JsonSchema, string> components) : ITypeNameGenerator
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string Generate(JsonSchema schema, string? typeNameHint, IEnumerable<string> reservedTypeNames)
    {
        var actual = schema.ActualSchema;
        if (!components.TryGetValue(actual, out var componentName))
            throw new InvalidOperationException(
                $"An inline object or enum schema (near '{typeNameHint}') has no name of its own; define it under components/schemas and $ref it.");
        var name = Naming.Pascal(componentName);
        if (!_used.Add(name) || reservedTypeNames.Contains(name))
            throw new InvalidOperationException(
                $"Two schemas would both become the C# type '{name}'; give one of them its own component name.");
        return name;
    }
}

/// <summary>Parameters as camelCase C# variables (api_key -> apiKey).</summary>
internal sealed class CamelParameterNameGenerator : IParameterNameGenerator
{
    public string Generate(OpenApiParameter parameter, IEnumerable<OpenApiParameter> allParameters) =>
        Naming.Camel(parameter.Name);
}
