namespace Specwright.Generator;

/// <summary>
/// Writes each union (<see cref="Unions"/>) as a class holding the JSON as it came (<c>Json</c>, written back unchanged),
/// the branch it is (<c>Is…</c>), and typed accessors (<c>TryGet…</c>, <c>As…</c>) read through the service's JSON
/// context (trimming and AOT safe). A value matching no branch, such as an unknown discriminator value, is kept, not thrown.
/// </summary>
internal static class UnionEmitter
{
    private const string Json = "global::System.Text.Json";

    /// <param name="typeName">The C# type of a component schema (as the models name it).</param>
    public static string File(SpecFacts f, IReadOnlyList<UnionFact> unions, Func<string, string> typeName)
    {
        var w = new CSharpWriter().Line(CSharpWriter.Header).Open($"namespace {f.Naming.Namespace}");
        foreach (var u in unions) Union(w, f, u, typeName);
        return w.Close().ToString();
    }

    /// <summary>The list types union branches read as, which the JSON context must know.</summary>
    public static IEnumerable<string> ListTypes(IReadOnlyList<UnionFact> unions, Func<string, string> typeName) =>
        unions.SelectMany(u => u.Branches).Where(b => b.ListOf is not null).Select(b => $"System.Collections.Generic.IList<{typeName(b.ListOf!)}>");

    private sealed record Member(string Name, string Type, UnionBranch Branch);

    private static void Union(CSharpWriter w, SpecFacts f, UnionFact u, Func<string, string> typeName)
    {
        var name = typeName(u.Component);
        var members = new List<Member>();
        var used = new HashSet<string>(StringComparer.Ordinal) { "Json", "Kind", "ToString", "Equals", "GetHashCode", "GetType", name };
        foreach (var b in u.Branches)
        {
            var (type, wanted) = b switch
            {
                { Component: { } c } => (typeName(c), typeName(c)),
                { ListOf: { } item } => ($"global::System.Collections.Generic.IList<{typeName(item)}>", typeName(item) + "List"),
                { Scalar: "string" } => ("string", "String"),
                { Scalar: "long" } => ("long", "Integer"),
                { Scalar: "double" } => ("double", "Number"),
                { Scalar: "bool" } => ("bool", "Boolean"),
                { Kind: "Array" } => ($"{Json}.JsonElement", "Array"),
                { Kind: "Object" } => ($"{Json}.JsonElement", "Object"),
                _ => ($"{Json}.JsonElement", "Value"),
            };
            var member = wanted;
            for (var i = 2; !used.Add(member); i++) member = wanted + i;
            members.Add(new Member(member, type, b));
        }

        var context = $"{f.Naming.JsonContext}.Default";
        w.Line($"/// <summary>{SurfaceEmitter.Xml(u.Description ?? $"One of: {string.Join(", ", members.Select(m => m.Name))}.")} One of {string.Join(", ", members.Select(m => $"<c>{m.Name}</c>"))}; the JSON is kept as it came.</summary>");
        w.Line($"[{Json}.Serialization.JsonConverter(typeof({name}.Converter))]");
        w.Open($"public sealed partial class {name}");
        w.Line($"private int? _branch;");
        w.Line();
        w.Line($"/// <summary>Wraps a JSON value (any branch, or none this SDK version knows).</summary>");
        w.Line($"public {name}({Json}.JsonElement json) => Json = json.ValueKind == {Json}.JsonValueKind.Undefined ? NullJson : json.Clone();");
        w.Line();
        w.Line("/// <summary>No value yet (JSON <c>null</c>): what a new model holds until one of the <c>From…</c> values is set.</summary>");
        w.Line($"public {name}() => Json = NullJson;");
        w.Line();
        w.Line($"private static readonly {Json}.JsonElement NullJson = {Json}.JsonDocument.Parse(\"null\").RootElement.Clone();");
        w.Line();
        w.Line("/// <summary>The value exactly as the API sent it (or as built here); written back unchanged.</summary>");
        w.Line($"public {Json}.JsonElement Json {{ get; }}");
        w.Line();
        var chosenBy = u.DiscriminatorProperty is { } d ? $"its <c>{SurfaceEmitter.Xml(d)}</c> value" : "its shape (JSON kind, then required properties)";
        w.Line($"/// <summary>The branch this value is, chosen by {chosenBy}; null when it matches none this SDK version knows.</summary>");
        w.Line($"public string? Kind => Branch switch {{ {string.Join(", ", members.Select((m, i) => $"{i} => \"{m.Name}\""))}, _ => null }};");
        w.Line();
        w.Line("private int Branch => _branch ??= Choose(Json);");
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            var typeInfo = m.Branch.Scalar is null && m.Type.StartsWith($"{Json}.JsonElement", StringComparison.Ordinal)
                ? null : $"({Json}.Serialization.Metadata.JsonTypeInfo<{m.Type}>){context}.GetTypeInfo(typeof({m.Type}))!";
            w.Line();
            w.Line($"/// <summary>True when the value is the <c>{m.Name}</c> branch.</summary>");
            w.Line($"public bool Is{m.Name} => Branch == {i};");
            w.Line();
            w.Line($"/// <summary>The value as <c>{m.Name}</c> when it is that branch.</summary>");
            w.Open($"public bool TryGet{m.Name}([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out {m.Type}{(IsValueType(m) ? "" : "?")} value)");
            w.Line($"if (Branch != {i}) {{ value = default; return false; }}");
            w.Line(typeInfo is null ? "value = Json;" : $"value = {Json}.JsonSerializer.Deserialize(Json, {typeInfo})!;");
            w.Line("return true;");
            w.Close();
            w.Line();
            w.Line($"/// <summary>The value as <c>{m.Name}</c>; throws <see cref=\"global::System.InvalidOperationException\"/> naming the branch it is when it is another.</summary>");
            w.Line($"public {m.Type} As{m.Name}() => TryGet{m.Name}(out var value) ? value : throw new global::System.InvalidOperationException($\"{name} is {{Kind ?? \"a value of no known branch\"}}, not {m.Name}.\");");
            if (typeInfo is not null && members.Count(x => x.Type == m.Type) == 1)
            {
                w.Line();
                w.Line($"/// <summary>A <c>{m.Name}</c> value as this union (to send).</summary>");
                w.Line($"public static {name} From{m.Name}({m.Type} value) => new({Json}.JsonSerializer.SerializeToElement(value, {typeInfo}));");
                // C# allows no conversion from an interface (IList<T>); those have only From….
                if (m.Branch.ListOf is null)
                {
                    w.Line();
                    w.Line($"public static implicit operator {name}({m.Type} value) => From{m.Name}(value);");
                }
            }
        }
        w.Line();
        w.Line("public override string ToString() => Json.GetRawText();");
        w.Line();
        Choose(w, u, members);
        w.Line();
        w.Line($"/// <summary>Reads and writes the JSON as it is; the branch is chosen when first asked.</summary>");
        w.Open($"public sealed class Converter : {Json}.Serialization.JsonConverter<{name}>");
        w.Line($"public override {name} Read(ref {Json}.Utf8JsonReader reader, global::System.Type typeToConvert, {Json}.JsonSerializerOptions options) =>");
        w.Line($"    new({Json}.JsonElement.ParseValue(ref reader));");
        w.Line();
        w.Line($"public override void Write({Json}.Utf8JsonWriter writer, {name} value, {Json}.JsonSerializerOptions options) => value.Json.WriteTo(writer);");
        w.Close();
        w.Close();
        w.Line();
    }

    private static void Choose(CSharpWriter w, UnionFact u, List<Member> members)
    {
        w.Open($"private static int Choose({Json}.JsonElement json)");
        if (u.DiscriminatorProperty is { } property && members.Any(m => m.Branch.DiscriminatorValues.Count > 0))
        {
            w.Line($"if (json.ValueKind == {Json}.JsonValueKind.Object && json.TryGetProperty({CSharpWriter.Literal(property)}, out var tag_) && tag_.ValueKind == {Json}.JsonValueKind.String)");
            w.Line("    return tag_.GetString() switch");
            w.Line("    {");
            for (var i = 0; i < members.Count; i++)
                foreach (var value in members[i].Branch.DiscriminatorValues)
                    w.Line($"        {CSharpWriter.Literal(value)} => {i},");
            w.Line("        _ => -1,");
            w.Line("    };");
        }
        // By shape, the most specific branch first: the one requiring more properties, so a subset never wins by its order.
        foreach (var i in Enumerable.Range(0, members.Count).OrderByDescending(i => members[i].Branch.Constants.Count).ThenByDescending(i => members[i].Branch.Required.Count))
        {
            var b = members[i].Branch;
            var conditions = new List<string>();
            switch (b.Kind)
            {
                case "True": conditions.Add($"json.ValueKind is {Json}.JsonValueKind.True or {Json}.JsonValueKind.False"); break;
                case "Number" when b.Integer: conditions.Add($"json.ValueKind == {Json}.JsonValueKind.Number && json.TryGetInt64(out _)"); break;
                case { } kind: conditions.Add($"json.ValueKind == {Json}.JsonValueKind.{kind}"); break;
            }
            conditions.AddRange(b.Constants.Select((c, k) =>
                $"json.TryGetProperty({CSharpWriter.Literal(c.Property)}, out var pinned{i}_{k}) && pinned{i}_{k}.ValueKind == {Json}.JsonValueKind.String && pinned{i}_{k}.ValueEquals({CSharpWriter.Literal(c.Value)})"));
            conditions.AddRange(b.Required.Select(r => $"json.TryGetProperty({CSharpWriter.Literal(r)}, out _)"));
            if (conditions.Count == 0)
            {
                // A branch that takes any value ends the choice: later ones could never be reached.
                w.Line($"return {i};");
                w.Close();
                return;
            }
            w.Line($"if ({string.Join(" && ", conditions)}) return {i};");
        }
        w.Line("return -1;");
        w.Close();
    }

    // Scalars, JsonElement and string enums (extensible structs, Enum.liquid) are value types.
    private static bool IsValueType(Member m) =>
        m.Type is "long" or "double" or "bool" || m.Type.EndsWith("JsonElement", StringComparison.Ordinal) || m.Branch is { Kind: "String", Component: not null };
}
