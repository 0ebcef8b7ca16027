using NJsonSchema;
using NJsonSchema.CodeGeneration;
using NSwag;
using NSwag.CodeGeneration;

namespace Specwright.Generator;

/// <summary>
/// snake_case wire names become PascalCase properties (run_status -> RunStatus); names two properties of one class
/// would share, or the class's own name, are told apart (<see cref="Naming.Distinct"/>).
/// </summary>
internal sealed class PascalPropertyNameGenerator(IReadOnlyDictionary<JsonSchema, string> components) : IPropertyNameGenerator
{
    private readonly Dictionary<JsonSchema, IReadOnlyDictionary<string, string>> _byClass = new(ReferenceEqualityComparer.Instance);

    public string Generate(JsonSchemaProperty property)
    {
        if (property.Parent is not JsonSchema owner) return Naming.Pascal(property.Name);
        if (!_byClass.TryGetValue(owner, out var names))
            _byClass[owner] = names = PropertyNames.For(owner.Properties.Keys, components.TryGetValue(owner, out var c) ? Naming.Pascal(c) : null);
        return names.TryGetValue(property.Name, out var n) ? n : Naming.Pascal(property.Name);
    }
}

/// <summary>The one rule for a class's C# property names, shared by the models and the argument checks that read them.</summary>
internal static class PropertyNames
{
    /// <summary>Members every generated model has, or that C# gives it, which a property must not take.</summary>
    private static readonly string[] Reserved = ["AdditionalProperties", "GetType", "ToString", "Equals", "GetHashCode"];

    public static IReadOnlyDictionary<string, string> For(IEnumerable<string> wireNames, string? className) =>
        Naming.Distinct(wireNames, Naming.Pascal, className is null ? Reserved : Reserved.Append(className));
}

/// <summary>Enum members: in_progress -> InProgress; values without letters, shared names and reserved members told apart.</summary>
internal sealed class PascalEnumNameGenerator(IReadOnlyDictionary<JsonSchema, string> components) : IEnumNameGenerator
{
    /// <summary>Members of the generated extensible enum struct (Enum.liquid) that a value must not take.</summary>
    private static readonly string[] Reserved = ["Value", "IsKnown", "KnownValues", "Equals", "GetHashCode", "ToString", "GetType"];

    private readonly Dictionary<JsonSchema, IReadOnlyDictionary<string, string>> _bySchema = new(ReferenceEqualityComparer.Instance);

    public string Generate(int index, string? name, object? value, JsonSchema schema)
    {
        var wire = name ?? value?.ToString() ?? "";
        if (!_bySchema.TryGetValue(schema, out var names))
        {
            var values = schema.Enumeration.Select((v, i) => schema.EnumerationNames.Count > i ? schema.EnumerationNames[i] : v?.ToString() ?? "").ToList();
            var reserved = components.TryGetValue(schema.ActualSchema, out var c) ? Reserved.Append(Naming.Pascal(c)) : Reserved;
            _bySchema[schema] = names = Naming.Distinct(values, Member, reserved);
        }
        return names.TryGetValue(wire, out var n) ? n : Member(wire);
    }

    /// <summary>A member name for any value: <c>""</c> -> <c>Empty</c>, <c>+</c> -> <c>Plus</c>, <c>-1</c> -> <c>Minus1</c>.</summary>
    private static string Member(string value)
    {
        if (value.Length == 0) return "Empty";
        if (value.StartsWith('-') && value.Length > 1 && char.IsDigit(value[1])) return "Minus" + Naming.Pascal(value[1..]).TrimStart('_');
        return value.Any(char.IsLetterOrDigit) ? Naming.Pascal(value) : "Value" + string.Concat(value.Select(ch => ((int)ch).ToString("X2")));
    }
}

/// <summary>
/// Component schemas keep their spec name (inline schemas were given one from where they stand, <see cref="InlineSchemas"/>).
/// A name two schemas would share (<c>api.v2010.account</c> and <c>api_v2010_account</c>), or one that would hide a
/// type the generated code uses (<c>System</c>, the client), gets a number or <c>Model</c>; nothing fails the build.
/// </summary>
/// <param name="named">Told each schema's name as it is given (the generator excludes the unions it writes itself).</param>
internal sealed class StrictTypeNameGenerator(IReadOnlyDictionary<JsonSchema, string> components, IEnumerable<string> reserved,
    Action<JsonSchema, string>? named = null) : ITypeNameGenerator
{
    // Case-insensitive: ImageURL and ImageUrl would be one file name to System.Text.Json's source generator (and on some disks).
    private readonly HashSet<string> _used = new(reserved.Append("System").Append("Specwright").Append("Microsoft"), StringComparer.OrdinalIgnoreCase);

    public string Generate(JsonSchema schema, string? typeNameHint, IEnumerable<string> reservedTypeNames)
    {
        var actual = schema.ActualSchema;
        var wanted = components.TryGetValue(actual, out var componentName) ? Naming.Pascal(componentName)
            : typeNameHint is { } hint && hint.Any(char.IsLetterOrDigit) ? Naming.Pascal(hint) : "Anonymous";
        var reservedHere = reservedTypeNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var name = wanted;
        if (_used.Contains(name) || reservedHere.Contains(name)) name = wanted + "Model";
        for (var i = 2; _used.Contains(name) || reservedHere.Contains(name); i++) name = wanted + "Model" + i;
        _used.Add(name);
        named?.Invoke(actual, name);
        return name;
    }
}
