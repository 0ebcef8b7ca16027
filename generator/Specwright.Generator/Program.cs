using System.Text;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace Specwright.Generator;

/// <summary>
/// specwright-generate --spec openapi/x.yaml --out obj/.../Generated --templates generator/templates
/// Writes the NSwag client and models plus the spec-fact files; a file is rewritten only when its
/// content changes, so an unchanged spec never triggers a recompile.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = Options.Parse(args);
            var written = await GenerateAsync(options);
            Console.WriteLine($"Specwright.Generator: {Path.GetFileName(options.Spec)} -> {options.Out} ({written} file(s) changed)");
            return 0;
        }
        catch (Exception e)
        {
            // MSBuild shows each `error` line; the cause is often an inner exception (a template's, a parser's).
            Console.Error.WriteLine($"error SPECWRIGHT001: {GeneratorError.Describe(e, args)}");
            return 1;
        }
    }

    public static async Task<int> GenerateAsync(Options options)
    {
        var root = SpecNormalizer.Load(options.Spec);
        InlineSchemas.Hoist(root);
        var facts = SpecFacts.Read(root, options.Spec, options.Service);
        var unions = Unions.Read(root);
        var document = await OpenApiDocument.FromJsonAsync(Unions.ForNSwag(root, unions).ToJsonString(), options.Spec);
        DropValidationOnlyConditionals(document);
        WidenUnions(document);
        ResponseUrls.KeepAsStrings(document);
        var unixTime = UnixTime.Apply(document);
        var components = new Dictionary<NJsonSchema.JsonSchema, string>(ReferenceEqualityComparer.Instance);
        foreach (var (key, schema) in document.Components.Schemas) components[schema.ActualSchema] = key;
        var unionSchemas = new HashSet<NJsonSchema.JsonSchema>(unions.Select(u => document.Components.Schemas[u.Component].ActualSchema), ReferenceEqualityComparer.Instance);
        var settings = CreateSettings(facts.Naming, options.Templates, components, GeneratedTypeNames(root, facts), unionSchemas);
        WrapAllOperations(settings);
        var generator = new ClientGenerator(document, settings);
        var clientCode = generator.GenerateFile();

        string TypeName(string component) =>
            generator.TypeNameOf(document.Components.Schemas[component].ActualSchema) ?? Naming.Pascal(component);
        var modelTypes = generator.ModelTypeNames
            .Where(t => t.Length > 0 && !t.Contains('<') && !t.Contains('.'))
            .Concat(ListResultTypes(document, components))
            .Concat(UnionEmitter.ListTypes(unions, TypeName))
            .ToList();

        var files = new Dictionary<string, string>
        {
            [$"{facts.Naming.GeneratedClient}.g.cs"] = Normalize(clientCode),
            [$"{facts.Naming.JsonContext}.g.cs"] = FactsEmitter.JsonContext(facts, modelTypes, unixTime),
            [$"{facts.Naming.SpecClass}.g.cs"] = FactsEmitter.SpecClass(facts),
            [$"{facts.Naming.Service}Errors.g.cs"] = FactsEmitter.Errors(facts),
            [$"{facts.Naming.Service}TerminalStates.g.cs"] = FactsEmitter.TerminalStates(facts),
        };
        if (unions.Count > 0) files[$"{facts.Naming.Service}Unions.g.cs"] = UnionEmitter.File(facts, unions, TypeName);
        foreach (var (name, content) in SurfaceEmitter.Files(facts, generator.Operations, root, ErrorShapeReader.Read(root), Suppressed(options.Handwritten)))
            files[name] = content;

        // Deprecated operations and schemas keep their [Obsolete] for callers; the generated code that must still use them says so once here.
        foreach (var name in files.Keys.ToList()) files[name] = files[name].Replace(CSharpWriter.Header, CSharpWriter.Header + ObsoleteInside, StringComparison.Ordinal);
        files[$"{facts.Naming.GeneratedClient}.g.cs"] = ObsoleteInside + files[$"{facts.Naming.GeneratedClient}.g.cs"];

        Directory.CreateDirectory(options.Out);
        var changed = 0;
        foreach (var (name, content) in files)
            if (WriteIfChanged(Path.Combine(options.Out, name), content)) changed++;
        foreach (var stale in Directory.GetFiles(options.Out, "*.g.cs").Where(p => !files.ContainsKey(Path.GetFileName(p))))
        {
            File.Delete(stale);
            changed++;
        }
        // The sandbox's side of the spec, in a folder the SDK does not compile (the sandbox does).
        var sandbox = Directory.CreateDirectory(Path.Combine(options.Out, "Sandbox")).FullName;
        if (WriteIfChanged(Path.Combine(sandbox, SandboxEmitter.FileName(facts)), SandboxEmitter.Module(facts))) changed++;
        return changed;
    }

    /// <summary>Operation ids whose public methods a handwritten partial replaces: <c>[SuppressGenerated("id")]</c> in the project's own C#.</summary>
    private static HashSet<string> Suppressed(string? projectDirectory)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (projectDirectory is null || !Directory.Exists(projectDirectory)) return ids;
        var attribute = new System.Text.RegularExpressions.Regex(@"\[\s*(?:global::)?(?:Specwright\.Core\.)?SuppressGenerated(?:Attribute)?\(\s*""([^""]+)""\s*\)");
        foreach (var file in Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(projectDirectory, file).Split(Path.DirectorySeparatorChar);
            if (relative.Any(part => part is "obj" or "bin")) continue;
            foreach (System.Text.RegularExpressions.Match m in attribute.Matches(File.ReadAllText(file))) ids.Add(m.Groups[1].Value);
        }
        return ids;
    }

    private const string ObsoleteInside = "#pragma warning disable CS0612, CS0618 // generated code calls deprecated members; callers still see [Obsolete]\n";

    /// <summary>The types the generator writes beside the models, which no model may be named like.</summary>
    private static IEnumerable<string> GeneratedTypeNames(System.Text.Json.Nodes.JsonObject root, SpecFacts facts)
    {
        var n = facts.Naming;
        string[] fixedNames = [n.Service + "Client", n.Service + "ClientOptions", n.GeneratedClient, n.SpecClass, n.JsonContext, n.ExceptionBase,
            n.ErrorFactory, n.Service + "ErrorDecoder", n.Service + "ServiceCollectionExtensions", n.Service + "TerminalStates", "FileParameter", "FileResponse"];
        var tags = facts.Operations.SelectMany(o => RawSpec.Resolve(root, root["paths"]?[o.Path]?[o.Method.ToLowerInvariant()])?["tags"] as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(t => t?.GetValue<string>()).OfType<string>().Where(t => t.Any(char.IsLetterOrDigit)).Select(t => Naming.Pascal(t) + "Client");
        return fixedNames.Concat(tags).Concat(facts.Operations.Select(o => Naming.Pascal(o.OperationId) + "Options")).Concat(facts.ErrorCodes.Select(c => c.ExceptionName));
    }

    /// <summary>Every request builder returns <c>ApiResponse</c> (status, headers, request id, value): what the public surface returns.</summary>
    private static void WrapAllOperations(CSharpClientGeneratorSettings settings)
    {
        settings.WrapResponses = true;
        settings.WrapResponseMethods = [];
        settings.ResponseClass = "global::Specwright.Core.Http.ApiResponse";
    }

    /// <summary>Array results (a bare JSON array of a component schema) need their own JSON metadata.</summary>
    private static IEnumerable<string> ListResultTypes(OpenApiDocument document, IReadOnlyDictionary<NJsonSchema.JsonSchema, string> components) =>
        document.Operations
            .SelectMany(o => o.Operation.ActualResponses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value.Schema?.ActualSchema))
            .Where(s => s is { Type: NJsonSchema.JsonObjectType.Array, Item: not null } && components.ContainsKey(s.Item.ActualSchema))
            .Select(s => $"System.Collections.Generic.IList<{components[s!.Item!.ActualSchema]}>")
            .Distinct();

    /// <summary>
    /// `allOf: [{if: ..., then: ...}]` entries describe which `details` shape goes with which error code.
    /// They are for validators (and read by SpecFacts); NJsonSchema would take them for base classes.
    /// </summary>
    private static void DropValidationOnlyConditionals(OpenApiDocument document)
    {
        foreach (var schema in document.Components.Schemas.Values)
        {
            var conditionals = schema.AllOf.Where(s => s.ExtensionData?.ContainsKey("if") == true).ToList();
            foreach (var c in conditionals) schema.AllOf.Remove(c);
        }
    }

    /// <summary>
    /// A value that is one of several types (`oneOf` with more than one non-null branch, e.g. a job's
    /// `result`, one of seven scraper responses; or `type: [string, integer]`) has no C# type NSwag can
    /// express; it would silently take the first branch. Such a property, or array item, becomes the raw
    /// JSON (JsonElement), which the handwritten layer reads as the right type. `oneOf: [X, null]` and
    /// `type: [X, 'null']` (nullable X) are left alone.
    /// </summary>
    private static void WidenUnions(OpenApiDocument document)
    {
        foreach (var schema in document.Components.Schemas.Values)
        foreach (var owner in schema.AllOf.Prepend(schema))
        foreach (var property in owner.Properties.Values)
        {
            Widen(property);
            if (property.Item is { } item) Widen(item);
        }
    }

    private static void Widen(NJsonSchema.JsonSchema s)
    {
        if (s.OneOf.Count(b => b.ActualSchema.Type != NJsonSchema.JsonObjectType.Null) > 1)
        {
            s.OneOf.Clear();
            s.DiscriminatorObject = null;
        }
        var types = Enum.GetValues<NJsonSchema.JsonObjectType>()
            .Count(t => t is not (NJsonSchema.JsonObjectType.None or NJsonSchema.JsonObjectType.Null) && s.Type.HasFlag(t));
        if (types > 1) s.Type = NJsonSchema.JsonObjectType.None;
    }

    private static CSharpClientGeneratorSettings CreateSettings(ClientNaming naming, string templates, IReadOnlyDictionary<NJsonSchema.JsonSchema, string> components,
        IEnumerable<string> reserved, IReadOnlySet<NJsonSchema.JsonSchema> unionSchemas)
    {
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = naming.GeneratedClient,
            ClientClassAccessModifier = "internal",
            ClientBaseClass = "global::Specwright.Core.Http.GeneratedClientBase",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            ParameterNameGenerator = new CamelParameterNameGenerator(),
            GenerateClientClasses = true,
            GenerateClientInterfaces = false,
            GenerateDtoTypes = true,
            GenerateExceptionClasses = false,
            GenerateResponseClasses = false,
            InjectHttpClient = false,
            UseBaseUrl = false,
            GenerateBaseUrlProperty = false,
            GenerateOptionalParameters = true,
            GenerateSyncMethods = false,
            ExposeJsonSerializerSettings = false,
            GenerateUpdateJsonSerializerSettingsMethod = false,
            UseRequestAndResponseSerializationSettings = false,
            ResponseArrayType = "System.Collections.Generic.IList",
            ResponseDictionaryType = "System.Collections.Generic.IDictionary",
        };
        var cs = settings.CSharpGeneratorSettings;
        cs.Namespace = naming.Namespace;
        cs.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        cs.JsonPolymorphicSerializationStyle = CSharpJsonPolymorphicSerializationStyle.SystemTextJson;
        cs.GenerateNullableReferenceTypes = true;
        cs.GenerateOptionalPropertiesAsNullable = true;
        // Unset request fields must be omitted, never sent as the spec's defaults.
        cs.GenerateDefaultValues = false;
        cs.GenerateDataAnnotations = false;
        cs.ClassStyle = CSharpClassStyle.Poco;
        cs.AnyType = "System.Text.Json.JsonElement";
        cs.ArrayType = "System.Collections.Generic.IList";
        cs.ArrayInstanceType = "System.Collections.Generic.List";
        cs.ArrayBaseType = "System.Collections.Generic.List";
        cs.DictionaryType = "System.Collections.Generic.IDictionary";
        cs.DictionaryInstanceType = "System.Collections.Generic.Dictionary";
        cs.DictionaryBaseType = "System.Collections.Generic.Dictionary";
        cs.DateTimeType = "System.DateTimeOffset";
        cs.TemplateDirectory = templates;
        cs.PropertyNameGenerator = new PascalPropertyNameGenerator(components);
        // A union is written by UnionEmitter: NSwag names it (so models refer to it) but writes no class for it.
        cs.ExcludedTypeNames ??= [];
        cs.TypeNameGenerator = new StrictTypeNameGenerator(components, reserved,
            (schema, name) => { if (unionSchemas.Contains(schema)) cs.ExcludedTypeNames = [.. cs.ExcludedTypeNames, name]; });
        cs.EnumNameGenerator = new PascalEnumNameGenerator(components);
        return settings;
    }

    // Line endings and trailing whitespace are fixed so the output is byte-identical on every machine.
    private static string Normalize(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd());
        return string.Join("\n", lines).TrimEnd() + "\n";
    }

    private static bool WriteIfChanged(string path, string content)
    {
        var bytes = new UTF8Encoding(false).GetBytes(content);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return false;
        File.WriteAllBytes(path, bytes);
        return true;
    }
}

/// <param name="Service">The service name when the spec's <c>info.x-specwright</c> has none (else from the title).</param>
/// <param name="Handwritten">The project folder, whose handwritten C# may suppress generated methods.</param>
public sealed record Options(string Spec, string Out, string Templates, string? Service = null, string? Handwritten = null)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var spec = Get("--spec") ?? throw new ArgumentException("--spec <openapi.yaml> is required");
        if (!File.Exists(spec)) throw new FileNotFoundException($"spec not found: {spec}");
        return new Options(Path.GetFullPath(spec),
            Path.GetFullPath(Get("--out") ?? throw new ArgumentException("--out <directory> is required")),
            Path.GetFullPath(Get("--templates") ?? Path.Combine(AppContext.BaseDirectory, "templates")),
            Get("--service") is { Length: > 0 } service ? service : null,
            Get("--handwritten") is { Length: > 0 } handwritten ? Path.GetFullPath(handwritten) : null);
    }
}

/// <summary>NSwag's C# client generator, with the model types it resolved and the operations it built made visible.</summary>
internal sealed class ClientGenerator(OpenApiDocument document, CSharpClientGeneratorSettings settings)
    : CSharpClientGenerator(document, settings)
{
    public IEnumerable<string> ModelTypeNames => Resolver.Types.Values;

    /// <summary>The C# type NSwag gave a schema, if it gave one.</summary>
    public string? TypeNameOf(NJsonSchema.JsonSchema schema) => Resolver.Types.TryGetValue(schema, out var name) ? name : null;

    /// <summary>The request builders NSwag made (names, parameters, C# types), which the public surface calls.</summary>
    public List<NSwag.CodeGeneration.CSharp.Models.CSharpOperationModel> Operations { get; } = [];

    protected override IEnumerable<NJsonSchema.CodeGeneration.CodeArtifact> GenerateClientTypes(string controllerName, string controllerClassName,
        IEnumerable<NSwag.CodeGeneration.CSharp.Models.CSharpOperationModel> operations)
    {
        var list = operations.ToList();
        Operations.AddRange(list);
        return base.GenerateClientTypes(controllerName, controllerClassName, list);
    }
}
