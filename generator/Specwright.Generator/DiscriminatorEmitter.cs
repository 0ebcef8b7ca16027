using System.Text.RegularExpressions;

namespace Specwright.Generator;

/// <summary>
/// Polymorphic bases (<c>allOf</c> with a <c>discriminator</c>) that keep the discriminator's value. System.Text.Json's polymorphism
/// (the <c>[JsonPolymorphic]</c> NSwag's libraries write) reads a value the SDK knows no type for as the base type and drops the
/// value. Instead, each base gets a property for the value (read as sent, else its type's) and a converter, registered in the
/// service's JSON context, that reads the value ahead of the object and the object as its derived type, or as the base (a
/// second context without the converter) for any other value; it writes the value first, then the object's fields.
/// </summary>
internal static partial class DiscriminatorEmitter
{
    /// <param name="ClassName">The base class.</param>
    /// <param name="Discriminator">The discriminator's wire name, as a C# string literal's content.</param>
    /// <param name="Property">The property that holds the value.</param>
    /// <param name="Derived">Each derived class and its value (a literal's content).</param>
    /// <param name="Open">The base keeps unknown fields (<c>AdditionalProperties</c>), where a derived type would put the discriminator.</param>
    public sealed record Base(string ClassName, string Discriminator, string Property, IReadOnlyList<(string Type, string Value)> Derived, bool Open);

    [GeneratedRegex(@"\[System\.Text\.Json\.Serialization\.JsonPolymorphic\(TypeDiscriminatorPropertyName = ""((?:[^""\\]|\\.)*)""[^\n]*\n((?:[ \t]*\[[^\n]*\n)*)[ \t]*public (?:abstract )?partial class (\w+)")]
    private static partial Regex PolymorphicClass();

    [GeneratedRegex(@"JsonDerivedType\(typeof\((\w+)\), typeDiscriminator: ""((?:[^""\\]|\\.)*)""\)")]
    private static partial Regex DerivedType();

    /// <summary>The polymorphic bases in the model classes NSwag's libraries wrote.</summary>
    public static IReadOnlyList<Base> Read(string modelCode) =>
        PolymorphicClass().Matches(modelCode).Select(m =>
        {
            var className = m.Groups[3].Value;
            var property = Naming.Pascal(Regex.Unescape(m.Groups[1].Value));
            // Not the class's own name (CS0542), nor a member the model already has.
            if (property == className || property.Length == 0 || modelCode.Contains($" {property} {{ get;", StringComparison.Ordinal)) property += "Value";
            var derived = DerivedType().Matches(m.Groups[2].Value).Select(d => (d.Groups[1].Value, d.Groups[2].Value)).DistinctBy(d => d.Item2).ToList();
            var body = Regex.Match(modelCode[m.Index..], @"\n    \{(.*?)\n    \}", RegexOptions.Singleline).Groups[1].Value;
            return new Base(className, m.Groups[1].Value, property, derived, body.Contains(" AdditionalProperties", StringComparison.Ordinal));
        }).ToList();

    /// <summary>The model classes without System.Text.Json's polymorphism on these bases: their converters do its work.</summary>
    public static string WithoutPolymorphism(string modelCode) =>
        PolymorphicClass().Replace(modelCode, m => string.Concat(m.Groups[2].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.Contains("System.Text.Json.Serialization.JsonDerivedType(", StringComparison.Ordinal)).Select(line => line.TrimStart() + "\n"))
            + m.Value[(m.Value.LastIndexOf('\n') + 1)..]);

    public static string ContextName(SpecFacts f) => f.Naming.Service + "BaseTypesJsonContext";

    /// <summary>The converters the service's JSON context registers (<c>typeof(...)</c> expressions).</summary>
    public static IEnumerable<string> Converters(IReadOnlyList<Base> bases) => bases.Select(b => $"typeof({b.ClassName}.DiscriminatorConverter)");

    /// <param name="contextOptions">The service context's <c>[JsonSourceGenerationOptions]</c>, which the second context repeats without these converters.</param>
    public static string File(SpecFacts f, IReadOnlyList<Base> bases, string contextOptions)
    {
        const string Json = "global::System.Text.Json";
        var context = ContextName(f);
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {f.Naming.Namespace}");
        foreach (var b in bases)
        {
            var field = "_" + char.ToLowerInvariant(b.Property[0]) + b.Property[1..];
            w.Open($"public partial class {b.ClassName}");
            w.Line($"private string? {field};");
            w.Line();
            w.Line($"/// <summary>The <c>{SurfaceEmitter.Xml(Regex.Unescape(b.Discriminator))}</c> discriminator: the value this object was read with, kept when the SDK knows no type for it " +
                   "(the object is then this base type, its other fields in <c>AdditionalProperties</c>); for an object made in code, its type's value. Set it on a base object to send another value.</summary>");
            w.Line($"[{Json}.Serialization.JsonIgnore]");
            w.Open($"public string? {b.Property}");
            w.Open("get");
            w.Line($"if ({field} is not null) return {field};");
            w.Line("var type = GetType();");
            foreach (var (type, value) in b.Derived) w.Line($"if (type == typeof({type})) return \"{value}\";");
            w.Line("return null;");
            w.Close();
            w.Line($"set => {field} = value;");
            w.Close();
            w.Line();
            w.Line($"/// <summary>Reads the discriminator ahead of the object, then the object as the type it names, else as this base ({context}).</summary>");
            w.Open($"internal sealed class DiscriminatorConverter : {Json}.Serialization.JsonConverter<{b.ClassName}>");
            w.Open($"public override {b.ClassName}? Read(ref {Json}.Utf8JsonReader reader, global::System.Type typeToConvert, {Json}.JsonSerializerOptions options)");
            w.Line($"var value = global::Specwright.Core.Internal.Discriminator.Peek(reader, \"{b.Discriminator}\");");
            w.Line($"{b.ClassName}? read = value switch");
            w.Line("{");
            foreach (var (type, value) in b.Derived)
                w.Line($"    \"{value}\" => {Json}.JsonSerializer.Deserialize(ref reader, ({Json}.Serialization.Metadata.JsonTypeInfo<{type}>)options.GetTypeInfo(typeof({type}))),");
            w.Line($"    _ => {Json}.JsonSerializer.Deserialize(ref reader, {context}.Default.{b.ClassName}),");
            w.Line("};");
            w.Line("if (read is null) return null;");
            if (b.Open) w.Line($"read.AdditionalProperties.Remove(\"{b.Discriminator}\");");
            w.Line($"read.{b.Property} = value;");
            w.Line("return read;");
            w.Close();
            w.Line();
            w.Open($"public override void Write({Json}.Utf8JsonWriter writer, {b.ClassName} value, {Json}.JsonSerializerOptions options)");
            w.Line("var type = value.GetType();");
            w.Line($"{Json}.Serialization.Metadata.JsonTypeInfo info = {string.Concat(b.Derived.Select(d => $"type == typeof({d.Type}) ? options.GetTypeInfo(type) : "))}{context}.Default.{b.ClassName};");
            w.Line($"var fields = ({Json}.Nodes.JsonObject){Json}.JsonSerializer.SerializeToNode(value, info)!;");
            w.Line("writer.WriteStartObject();");
            w.Line($"if (value.{b.Property} is {{ }} discriminator) writer.WriteString(\"{b.Discriminator}\", discriminator);");
            w.Open("foreach (var (name, field) in fields)");
            w.Line($"if (name == \"{b.Discriminator}\") continue;");
            w.Line("writer.WritePropertyName(name);");
            w.Line("if (field is null) writer.WriteNullValue(); else field.WriteTo(writer);");
            w.Close();
            w.Line("writer.WriteEndObject();");
            w.Close();
            w.Close();
            w.Close();
            w.Line();
        }
        w.Line("/// <summary>The polymorphic bases as plain objects, for their discriminator converters: an object whose discriminator names no derived type.</summary>");
        w.Line(contextOptions);
        // JsonElement: the values of a base's AdditionalProperties.
        foreach (var type in bases.Select(b => b.ClassName).Append("global::System.Text.Json.JsonElement")) w.Line($"[{Json}.Serialization.JsonSerializable(typeof({type}))]");
        w.Line($"internal partial class {context} : {Json}.Serialization.JsonSerializerContext");
        w.Line("{");
        w.Line("}");
        return w.Close().ToString();
    }
}
