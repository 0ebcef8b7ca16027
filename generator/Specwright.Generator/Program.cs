using System.Text;
using NJsonSchema.CodeGeneration.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using Specwright.Generator.Model;

namespace Specwright.Generator;

/// <summary>
/// specwright-generate --spec openapi/x.yaml --out obj/.../Generated --templates generator/templates [--sandbox-module]
/// Writes the NSwag client and models plus the spec-fact files (with --sandbox-module: the service's sandbox module alone);
/// a file is rewritten only when its content changes, so an unchanged spec never triggers a recompile.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var options = Options.Parse(args);
            var warnings = new List<SpecWarning>();
            var written = await GenerateAsync(options, warnings);
            // MSBuild shows each `warning` line as a build warning (the generator's own; the C# compiler's stay errors).
            foreach (var w in warnings) Console.WriteLine($"warning SPECWRIGHT002: {Path.GetFileName(options.Spec)} at #{w.Pointer}: {w.Message}");
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

    /// <param name="warnings">What the spec says that the SDK leaves out, and where.</param>
    public static async Task<int> GenerateAsync(Options options, ICollection<SpecWarning>? warnings = null)
    {
        var root = SpecNormalizer.Load(options.Spec, warnings);
        InlineSchemas.Hoist(root);
        var model = ServiceModel.Read(root);
        var facts = SpecFacts.Read(model, options.Spec, options.Service);
        // The sandbox's side of the spec, written by the sandbox's own build (it compiles no other project's output).
        if (options.SandboxModule)
        {
            Directory.CreateDirectory(options.Out);
            return WriteIfChanged(Path.Combine(options.Out, SandboxEmitter.FileName(facts)), SandboxEmitter.Module(facts)) ? 1 : 0;
        }
        // An operation that only schemes the client cannot send authenticate (mutual TLS) is sent without credentials: say so.
        foreach (var op in facts.Operations.Where(o => o.RequiresApiKey && o.Security is [{ Count: 0 }]))
            warnings?.Add(new SpecWarning(SpecException.PointerOf("paths", op.Path, op.Method.ToLowerInvariant(), "security"),
                $"{op.OperationId} takes only security schemes a client cannot send as a header, query parameter or cookie (mutual TLS: the " +
                "HttpClient's handler holds the certificate); it is sent without credentials."));
        var unions = Unions.Read(root);
        ResponseUrls.KeepAsStrings(model);
        // NSwag's libraries write the model classes from the normalized document's schemas; it is given no operations,
        // which the service model alone describes.
        var forNSwag = Unions.ForNSwag(root, unions);
        var schemasOnly = new System.Text.Json.Nodes.JsonObject
        {
            ["openapi"] = forNSwag["openapi"]?.DeepClone(),
            ["info"] = forNSwag["info"]?.DeepClone(),
            ["paths"] = new System.Text.Json.Nodes.JsonObject(),
            ["components"] = new System.Text.Json.Nodes.JsonObject { ["schemas"] = forNSwag["components"]?["schemas"]?.DeepClone() },
        };
        var document = await OpenApiDocument.FromJsonAsync(schemasOnly.ToJsonString(), options.Spec);
        DropValidationOnlyConditionals(document);
        WidenUnions(document);
        var unixTime = UnixTime.Apply(document);
        var components = new Dictionary<NJsonSchema.JsonSchema, string>(ReferenceEqualityComparer.Instance);
        foreach (var (key, schema) in document.Components.Schemas) components[schema.ActualSchema] = key;
        var unionSchemas = new HashSet<NJsonSchema.JsonSchema>(unions.Select(u => document.Components.Schemas[u.Component].ActualSchema), ReferenceEqualityComparer.Instance);
        var settings = CreateSettings(facts.Naming, options.Templates, components, GeneratedTypeNames(model, facts), unionSchemas);
        var generator = new ClientGenerator(document, settings);
        var modelCode = generator.GenerateFile();

        string? ComponentType(string component) =>
            document.Components.Schemas.TryGetValue(component, out var schema) ? generator.TypeNameOf(schema.ActualSchema) : null;
        string TypeName(string component) => ComponentType(component) ?? Naming.Pascal(component);
        var types = new ClrTypes(model, ComponentType);
        var mainShapes = model.Operations.Select(o => RequestShape.For(o, types)).ToList();
        // An operation answering JSON or text/event-stream gets a second, streaming form, after every operation's first.
        var shapes = mainShapes.Concat(mainShapes.Select(s => s.StreamingForm(types)).OfType<RequestShape>()).ToList();
        var bases = DiscriminatorEmitter.Read(modelCode);
        modelCode = DiscriminatorEmitter.WithoutPolymorphism(modelCode);
        var modelTypes = generator.ModelTypeNames
            .Where(t => t.Length > 0 && !t.Contains('<') && !t.Contains('.'))
            .Concat(ResultTypes(shapes))
            .Concat(UnionEmitter.ListTypes(unions, TypeName))
            .Distinct()
            .ToList();

        var files = new Dictionary<string, string>
        {
            [$"{facts.Naming.Service}Models.g.cs"] = Normalize(modelCode),
            [$"{facts.Naming.GeneratedClient}.g.cs"] = RequestEmitter.File(facts, shapes, component => ObjectProperties(model, component, TypeName(component))),
            [$"{facts.Naming.JsonContext}.g.cs"] = FactsEmitter.JsonContext(facts, modelTypes, unixTime, DiscriminatorEmitter.Converters(bases)),
            [$"{facts.Naming.SpecClass}.g.cs"] = FactsEmitter.SpecClass(facts),
            [$"{facts.Naming.Service}Errors.g.cs"] = FactsEmitter.Errors(facts),
            [$"{facts.Naming.Service}TerminalStates.g.cs"] = FactsEmitter.TerminalStates(facts),
        };
        if (unions.Count > 0) files[$"{facts.Naming.Service}Unions.g.cs"] = UnionEmitter.File(facts, unions, TypeName);
        if (bases.Count > 0) files[$"{facts.Naming.Service}BaseTypes.g.cs"] = DiscriminatorEmitter.File(facts, bases, FactsEmitter.JsonContextOptions(unixTime, []));
        foreach (var (name, content) in SurfaceEmitter.Files(facts, model, shapes, ErrorShapeReader.Read(root), Suppressed(options.Handwritten)))
            files[name] = content;

        // Deprecated operations and schemas keep their [Obsolete] for callers; the generated code that must still use them says so once here.
        foreach (var name in files.Keys.ToList()) files[name] = files[name].Replace(CSharpWriter.Header, CSharpWriter.Header + ObsoleteInside, StringComparison.Ordinal);
        files[$"{facts.Naming.Service}Models.g.cs"] = ObsoleteInside + files[$"{facts.Naming.Service}Models.g.cs"];

        Directory.CreateDirectory(options.Out);
        var changed = 0;
        foreach (var (name, content) in files)
            if (WriteIfChanged(Path.Combine(options.Out, name), content)) changed++;
        foreach (var stale in Directory.GetFiles(options.Out, "*.g.cs").Where(p => !files.ContainsKey(Path.GetFileName(p))))
        {
            File.Delete(stale);
            changed++;
        }
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
    private static IEnumerable<string> GeneratedTypeNames(ServiceModel model, SpecFacts facts)
    {
        var n = facts.Naming;
        string[] fixedNames = [n.Service + "Client", n.Service + "ClientOptions", n.GeneratedClient, n.SpecClass, n.JsonContext, n.ExceptionBase,
            n.ErrorFactory, n.Service + "ErrorDecoder", n.Service + "BaseTypesJsonContext", n.Service + "ServiceCollectionExtensions", n.Service + "TerminalStates", "FileParameter", "FileResponse"];
        var tags = model.Operations.SelectMany(o => o.Tags).Where(t => t.Any(char.IsLetterOrDigit)).Select(t => Naming.Pascal(t) + "Client");
        return fixedNames.Concat(tags).Concat(facts.Operations.Select(o => Naming.Pascal(o.OperationId) + "Options")).Concat(facts.ErrorCodes.Select(c => c.ExceptionName));
    }

    /// <summary>
    /// The collection types the context must know besides the models: results that are not model classes (a bare JSON array
    /// of a model, a map), and JSON bodies a method takes as a collection (<c>IEnumerable&lt;SendEmailRequest&gt;</c>,
    /// serialized as the declared type).
    /// </summary>
    private static IEnumerable<string> ResultTypes(IEnumerable<RequestShape> shapes) =>
        shapes.Select(s => s.ResultIsStream ? s.ResultEventType ?? s.ResultLinesType : s.ResultType)
            .Concat(shapes.Where(s => s.BodyKind == BodyKind.Json).SelectMany(s => s.Arguments.Where(a => a.Kind == "body").Select(a => a.Type.TrimEnd('?'))))
            .OfType<string>()
            .Where(t => t.StartsWith("System.Collections.Generic.", StringComparison.Ordinal))
            .Distinct();

    /// <summary>The C# properties of a named object (its own, its <c>allOf</c> parts' and its bases'), and whether it keeps unknown fields.</summary>
    private static (IReadOnlyDictionary<string, (string Property, bool IsArray)> Properties, bool Additional) ObjectProperties(ServiceModel model, string component, string className)
    {
        var schema = model.Resolve(model.Root["components"]?["schemas"]?[component]);
        var wire = new List<(string Name, bool IsArray)>();
        var inherits = false;
        void Collect(System.Text.Json.Nodes.JsonObject? s, int depth)
        {
            if (s is null || depth > 8) return;
            foreach (var (name, property) in s["properties"] as System.Text.Json.Nodes.JsonObject ?? [])
                if (wire.All(w => w.Name != name)) wire.Add((name, model.Resolve(property)?["type"]?.GetValue<string>() == "array"));
            foreach (var part in s["allOf"] as System.Text.Json.Nodes.JsonArray ?? [])
            {
                if (part?["$ref"] is not null) inherits = true;
                Collect(model.Resolve(part), depth + 1);
            }
        }
        Collect(schema, 0);
        var names = PropertyNames.For(wire.Select(w => w.Name), className);
        var closed = schema?["additionalProperties"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var allowed) && !allowed;
        var additional = !inherits && !closed;
        return (wire.ToDictionary(w => w.Name, w => (names[w.Name], w.IsArray)), additional);
    }

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
            ClientBaseClass = "global::Specwright.Core.Internal.GeneratedClientBase",
            // NSwag writes the model classes only; the request builder is RequestEmitter's.
            GenerateClientClasses = false,
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
        // `format: date` is a calendar date on the wire (2008-01-02): DateOnly, which System.Text.Json writes that way.
        cs.DateType = "System.DateOnly";
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
/// <param name="SandboxModule">Write only the service's sandbox module (<c>--sandbox-module</c>: the sandbox's build asks for it).</param>
public sealed record Options(string Spec, string Out, string Templates, string? Service = null, string? Handwritten = null, bool SandboxModule = false)
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
            Get("--handwritten") is { Length: > 0 } handwritten ? Path.GetFullPath(handwritten) : null,
            args.Contains("--sandbox-module"));
    }
}

/// <summary>NSwag's C# generator of the model classes, with the type it gave each schema made visible.</summary>
internal sealed class ClientGenerator(OpenApiDocument document, CSharpClientGeneratorSettings settings)
    : CSharpClientGenerator(document, settings)
{
    public IEnumerable<string> ModelTypeNames => Resolver.Types.Values;

    /// <summary>The C# type NSwag gave a schema, if it gave one.</summary>
    public string? TypeNameOf(NJsonSchema.JsonSchema schema) => Resolver.Types.TryGetValue(schema, out var name) ? name : null;
}
