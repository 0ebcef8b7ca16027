using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.Core;
using Specwright.Core.Http;
using Specwright.Generator.Model;
using Specwright.Shared;

namespace Specwright.DocsGen;

/// <summary>
/// One operation's samples: the C# SDK call (the <c>using</c> lines it needs, the client's setup, then the call), the CLI
/// command and curl.
/// </summary>
public sealed record CodeSample(string OperationId, string CSharpUsings, string CSharpSetup, string CSharpCall, string Cli, string Curl)
{
    /// <summary>The C# as the reference shows it: a whole program (top-level statements).</summary>
    public string CSharp => CSharpUsings + "\n\n" + CSharpSetup + "\n" + CSharpCall;
}

/// <summary>
/// The code samples of every operation of a service, made from its spec and its compiled SDK, never written by hand: the
/// SDK method that calls the operation (found by <see cref="SpecOperationAttribute"/>, the plain call preferred to the
/// waiting ones), its arguments from the spec's examples; the generated CLI command; and curl with the spec's server and key.
/// </summary>
public static class CodeSamples
{
    public static IReadOnlyList<CodeSample> Write(ServiceModel model, Assembly sdk)
    {
        var spec = model.Root;
        var specClass = sdk.GetExportedTypes().Single(t => t.Name.EndsWith("Spec", StringComparison.Ordinal) && t.GetProperty("Description") is not null);
        var description = (ServiceDescription)specClass.GetProperty("Description")!.GetValue(null)!;
        var constant = (string name) => (string?)specClass.GetField(name)?.GetValue(null);
        var root = sdk.GetExportedTypes().Single(t => t.Name == specClass.Name[..^"Spec".Length] + "Client");
        var options = sdk.GetExportedTypes().Single(t => t.Name == root.Name + "Options");
        var setup = $"using var client = new {root.Name}(new {options.Name}()); // the key from {description.ApiKeyEnvironmentVariable}";
        var methods = sdk.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<SpecOperationAttribute>().Select(a => (a.OperationId, Method: m)))
            .ToLookup(x => x.OperationId, x => x.Method);
        var curlAuth = constant("ApiKeyScheme") is { } scheme
            ? $"-H \"{constant("ApiKeyHeader")}: {scheme} ${description.ApiKeyEnvironmentVariable}\""
            : $"-H \"{constant("ApiKeyHeader")}: ${description.ApiKeyEnvironmentVariable}\"";
        var samples = new List<CodeSample>();
        foreach (var op in model.Operations)
        {
            var parameters = op.Parameters.Select(p => new Parameter(p.Name, p.In, p.Required,
                p.Node["example"] ?? p.Resolved?["example"] ?? p.Resolved?["default"] ?? p.Resolved?["enum"]?[0])).ToList();
            // JSON first, as the SDK sends it; else the operation's first media type (a form, a multipart upload, bytes).
            var content = op.Body?.Json ?? op.Body?.Content.FirstOrDefault();
            var bodyKind = BodyKindOf(content);
            var body = bodyKind is BodyKind.Bytes ? null : BodyExample(spec, content);
            // A download (an answer neither JSON nor events) goes to a file named after the operation.
            var download = op.Success is { Json: null, Content: [var media, ..] } && !MediaTypes.IsEventStream(media.MediaType) && !MediaTypes.IsJsonLines(media.MediaType)
                ? $"{CommandNames.Kebab(op.Id)}.{FileExtension(media.MediaType)}"
                : null;
            var namespaces = new SortedSet<string>(StringComparer.Ordinal) { root.Namespace! };
            var call = Primary(methods[op.Id]) is { } method
                ? CSharpCall(root, method, parameters, body, spec, download, namespaces)
                : $"var response = await client.SendOperationAsync(\"{op.Id}\"); // no typed method yet\nConsole.WriteLine(response.Value);";
            var sent = new SentBody(bodyKind, body, content, spec);
            samples.Add(new CodeSample(op.Id, string.Concat(namespaces.Select(n => $"using {n};\n")).TrimEnd('\n'), setup, call, Cli(description.Name, op.Id, parameters, sent, download),
                Curl(constant("DefaultBaseUrl")!, op.Method, op.Path, parameters, sent, curlAuth, download)));
        }
        return samples;
    }

    /// <summary>The call to show: a plain awaited call or a pageable (no wait, no progress), the one with fewest parameters.</summary>
    private static MethodInfo? Primary(IEnumerable<MethodInfo> candidates) => candidates
        .Where(m => !m.GetParameters().Any(p => p.ParameterType.Name is "WaitUntil" || p.ParameterType.Name.StartsWith("IProgress", StringComparison.Ordinal)))
        .Where(m => (typeof(Task).IsAssignableFrom(m.ReturnType) || m.ReturnType.Name.StartsWith("AsyncPageable", StringComparison.Ordinal)) && !m.IsGenericMethodDefinition)
        .OrderBy(m => m.GetParameters().Length).FirstOrDefault();

    private sealed record Parameter(string Name, string In, bool Required, JsonNode? Example);

    /// <summary>The request body's example, cut to its required fields (null: no JSON body).</summary>
    private static JsonObject? BodyExample(JsonObject spec, ApiContent? media)
    {
        if (media is null) return null;
        var schema = media.Resolved;
        var example = (media.Example ?? schema?["example"])?.DeepClone() as JsonObject ?? new JsonObject();
        var required = schema?["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        foreach (var name in example.Select(p => p.Key).Where(k => !required.Contains(k)).ToList()) example.Remove(name);
        foreach (var name in required.Where(r => !example.ContainsKey(r)))
            if (schema?["properties"]?[name] is { } property && Resolve(spec, property) is JsonObject p) example[name] = Invent(spec, p);
        return example;
    }

    /// <summary>
    /// A value for a required field the example leaves out: its schema's example, default or first enum value; else one
    /// made from the schema (an array of one item where it needs items, an object of its required fields).
    /// </summary>
    private static JsonNode? Invent(JsonObject spec, JsonObject schema, int depth = 0) =>
        (schema["example"] ?? schema["default"] ?? schema["enum"]?[0])?.DeepClone() ?? ((string?)schema["type"] switch
        {
            "integer" or "number" => 1,
            "boolean" => true,
            "array" when depth < 4 && schema["minItems"]?.GetValue<long>() > 0 && Resolve(spec, schema["items"]) is JsonObject items => new JsonArray(Invent(spec, items, depth + 1)),
            "array" => new JsonArray(),
            "object" or null when depth < 4 && schema["properties"] is JsonObject properties => new JsonObject(
                (schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
                .Where(properties.ContainsKey)
                .Select(r => KeyValuePair.Create(r, Resolve(spec, properties[r]) is JsonObject p ? Invent(spec, p, depth + 1) : null))),
            "object" => new JsonObject(),
            _ => (string?)schema["format"] is "uri" or "url" ? "https://example.com/" : "example",
        });

    /// <param name="namespaces">Where the namespaces of the types the call names are added, for its <c>using</c> lines.</param>
    private static string CSharpCall(Type root, MethodInfo method, List<Parameter> parameters, JsonObject? body, JsonObject spec, string? download, ISet<string> namespaces)
    {
        var target = method.DeclaringType == root ? "client"
            : "client." + (root.GetProperties().FirstOrDefault(p => p.PropertyType == method.DeclaringType)?.Name
                           ?? throw new InvalidOperationException($"{root.Name} has no property of type {method.DeclaringType!.Name}"));
        var args = new List<string>();
        foreach (var p in method.GetParameters())
        {
            if (p.ParameterType == typeof(CancellationToken)) continue;
            AddNamespaces(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, namespaces);
            var wire = parameters.FirstOrDefault(w => Same(w.Name, p.Name!));
            if (p.ParameterType == typeof(Stream)) args.Add("File.OpenRead(\"upload.bin\")");
            else if (p.ParameterType.Name == "FileParameter") args.Add($"new {p.ParameterType.Name}(File.OpenRead(\"{p.Name}.bin\"), \"{p.Name}.bin\")");
            else if (wire is not null && (wire.Required || !p.IsOptional)) args.Add(Literal(p.ParameterType, wire.Example ?? "example", spec));
            else if (p.Name == "body" && body is not null) args.Add(Literal(p.ParameterType, body, spec));
            else if (!p.IsOptional) args.Add("null");
        }
        var call = $"{target}.{method.Name}({string.Join(", ", args)})";
        var returned = method.ReturnType;
        if (returned.Name.StartsWith("AsyncPageable", StringComparison.Ordinal))
            return $"await foreach (var item in {call})\n    Console.WriteLine({Shown(returned.GetGenericArguments()[0], "item")});";
        var inner = returned.IsGenericType ? returned.GetGenericArguments()[0] : null;
        var value = inner is { IsGenericType: true } ? inner.GetGenericArguments()[0] : null;
        // A download streams to a file and an event stream is read as it arrives; neither is held whole.
        if (value == typeof(StreamedContent))
            return $"var response = await {call};\nusing var content = response.Value;\nawait using var file = File.Create(\"{download ?? "download.bin"}\");\nawait content.CopyToAsync(file);";
        if (value is { IsGenericType: true } && value.GetGenericTypeDefinition().Name.StartsWith("JsonLinesStream", StringComparison.Ordinal))
            return $"var response = await {call};\nusing var lines = response.Value;\nawait foreach (var item in lines)\n    Console.WriteLine({Shown(value.GetGenericArguments()[0], "item")});";
        if (value is { IsGenericType: true } && value.GetGenericTypeDefinition().Name.StartsWith("ServerSentEventStream", StringComparison.Ordinal))
            return $"var response = await {call};\nusing var events = response.Value;\nawait foreach (var item in events)\n    Console.WriteLine($\"{{item.EventType}}: {{item.Data}}\");";
        return value is not null ? $"var response = await {call};\nConsole.WriteLine({Shown(value, "response.Value")});" : $"var response = await {call};\nConsole.WriteLine(response.StatusCode);";
    }

    /// <summary>The generic arguments' and the type's own namespaces, the system's left out (implicit usings cover them).</summary>
    private static void AddNamespaces(Type type, ISet<string> namespaces)
    {
        if (type.Namespace is { } ns && !ns.StartsWith("System", StringComparison.Ordinal)) namespaces.Add(ns);
        foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : []) AddNamespaces(argument, namespaces);
        if (type.IsArray) AddNamespaces(type.GetElementType()!, namespaces);
    }

    /// <summary>Names a reader looks for first in an answer: its content, then what identifies it, then its state.</summary>
    private static readonly string[] Telling = ["Result", "Answer", "Markdown", "Html", "Text", "Id", "RunId", "JobId", "Status", "State", "Name", "Title", "Url", "Data"];

    /// <summary>
    /// What a sample prints of a value of <paramref name="type"/>: a field a user cares about (its id, status, content; else its
    /// first plain one) rather than the type's name, a list's count, or the value itself when it prints as what it holds.
    /// </summary>
    private static string Shown(Type type, string expression, int depth = 0)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Plain(type) || type == typeof(JsonElement) || type == typeof(JsonNode) || type == typeof(string)) return expression;
        if (type.IsArray) return expression + ".Length";
        if (type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>))) return expression + ".Count";
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true }).ToList();
        bool Printable(PropertyInfo p) => Plain(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) || p.PropertyType == typeof(string)
                                           || (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(JsonElement);
        var telling = Telling.Select(name => properties.FirstOrDefault(p => p.Name == name)).OfType<PropertyInfo>().ToList();
        var chosen = telling.FirstOrDefault(Printable) ?? telling.FirstOrDefault() ?? properties.FirstOrDefault(Printable);
        if (chosen is null) return expression;
        var access = $"{expression}.{chosen.Name}";
        if (depth > 0) return access;
        // One level down for a nested answer (an envelope's data): its own telling field, through ?. when it may be null.
        var nested = Shown(chosen.PropertyType, access, depth + 1);
        var mayBeNull = !chosen.PropertyType.IsValueType || Nullable.GetUnderlyingType(chosen.PropertyType) is not null;
        return nested.Length > access.Length && mayBeNull ? access + "?" + nested[access.Length..] : nested;
    }

    /// <summary>A type that prints as its value: numbers, booleans, dates, URLs, enums and the SDK's string enums.</summary>
    private static bool Plain(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly)
        || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(Guid)
        || type.GetInterface("Specwright.Core.Serialization.IStringEnum`1") is not null;

    private static bool Same(string wire, string clr) =>
        string.Equals(wire.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), clr, StringComparison.OrdinalIgnoreCase);

    /// <summary>A C# expression of <paramref name="type"/> for the JSON <paramref name="value"/>.</summary>
    private static string Literal(Type type, JsonNode? value, JsonObject spec)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null) return "null";
        if (type == typeof(string)) return JsonSerializer.Serialize(value.ToString());
        if (type == typeof(Uri)) return $"new Uri({JsonSerializer.Serialize(value.ToString())})";
        if (type == typeof(bool)) return value.ToString().ToLowerInvariant();
        if (type.IsPrimitive || type == typeof(decimal)) return value.ToJsonString();
        if (type == typeof(DateTimeOffset)) return $"DateTimeOffset.Parse({JsonSerializer.Serialize(value.ToString())})";
        if (type == typeof(DateOnly)) return $"DateOnly.Parse({JsonSerializer.Serialize(value.ToString())})";
        if (type.GetInterface("Specwright.Core.Serialization.IStringEnum`1") is not null || type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static) is not null)
        {
            var known = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type)
                .FirstOrDefault(p => p.GetValue(null)?.ToString() == value.ToString());
            return known is not null ? $"{type.Name}.{known.Name}" : $"new {type.Name}({JsonSerializer.Serialize(value.ToString())})";
        }
        if (value is JsonArray array && Element(type) is { } element)
            return "[" + string.Join(", ", array.Select(v => Literal(element, v, spec))) + "]";
        if (value is JsonObject obj && type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null)
        {
            var assignments = new List<string>();
            foreach (var (name, child) in obj)
            {
                var property = type.GetProperties().FirstOrDefault(p => p.CanWrite &&
                    (p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name == name || Same(name, p.Name)));
                if (property is not null) assignments.Add($"{property.Name} = {Literal(property.PropertyType, child, spec)}");
            }
            return assignments.Count == 0 ? $"new {type.Name}()" : $"new {type.Name} {{ {string.Join(", ", assignments)} }}";
        }
        return "default";
    }

    private static Type? Element(Type type) =>
        type.IsArray ? type.GetElementType() : type.IsGenericType && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0] : null;

    private enum BodyKind { None, Json, Form, Multipart, Bytes }

    private static BodyKind BodyKindOf(ApiContent? content) => content is null ? BodyKind.None : MediaTypes.Essence(content.MediaType) switch
    {
        "application/x-www-form-urlencoded" => BodyKind.Form,
        "multipart/form-data" => BodyKind.Multipart,
        var m when MediaTypes.IsJson(m) && !IsFile(content.Resolved) => BodyKind.Json,
        _ => BodyKind.Bytes,
    };

    private static bool IsFile(JsonNode? schema) => (string?)schema?["format"] is "binary" || schema?["contentMediaType"] is not null;

    /// <summary>The body a sample sends: its kind, the example's fields (JSON, form, multipart), and where files go.</summary>
    private sealed record SentBody(BodyKind Kind, JsonObject? Example, ApiContent? Content, JsonObject Spec)
    {
        /// <summary>A form's or multipart body's fields as name and text (an array repeats its name); files named <c>&lt;field&gt;.bin</c>.</summary>
        public IEnumerable<(string Name, string Value, bool File)> Fields()
        {
            foreach (var (name, value) in Example ?? [])
            {
                var property = Resolve(Spec, Content?.Resolved?["properties"]?[name]);
                if (Kind == BodyKind.Multipart && IsFile(property)) yield return (name, $"{name}.bin", true);
                else if (value is JsonArray items)
                    foreach (var item in items) yield return (name, Text(item), false);
                else yield return (name, Text(value), false);
            }
        }

        public string? MediaType => Content?.MediaType is { } m && !m.Contains('*') ? m : "application/octet-stream";

        private static string Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";
    }

    private static string Cli(string service, string id, List<Parameter> parameters, SentBody body, string? download)
    {
        var sb = new StringBuilder($"specwright {service} {CommandNames.Call} {CommandNames.Kebab(id)}");
        foreach (var p in parameters.Where(p => p.Required)) sb.Append($" --{CommandNames.Kebab(p.Name)} {Shell(p.Example?.ToString() ?? "example")}");
        if (body.Kind is BodyKind.Json) sb.Append($" --body {Shell(body.Example!.ToJsonString())}");
        else if (body.Kind is BodyKind.Bytes) sb.Append(" --body @upload.bin");
        else
            foreach (var (name, value, file) in body.Fields())
                sb.Append(file ? $" --file {Shell($"{name}=@{value}")}" : $" --form {Shell($"{name}={value}")}");
        if (download is not null) sb.Append($" --out {download}");
        return sb.ToString();
    }

    /// <summary>A file extension for a media type's download: its subtype (<c>application/pdf</c> -> <c>pdf</c>), <c>bin</c> when it says nothing.</summary>
    private static string FileExtension(string? mediaType) =>
        MediaTypes.Essence(mediaType ?? "") is var essence && essence.Split('/') is [_, var subtype] && subtype is not ("octet-stream" or "*") && subtype.All(char.IsAsciiLetterOrDigit)
            ? subtype
            : "bin";

    private static string Curl(string server, string verb, string path, List<Parameter> parameters, SentBody body, string auth, string? download)
    {
        var url = server.TrimEnd('/') + parameters.Where(p => p.In == "path")
            .Aggregate(path, (u, p) => u.Replace("{" + p.Name + "}", Uri.EscapeDataString(p.Example?.ToString() ?? "example"), StringComparison.Ordinal));
        var query = parameters.Where(p => p.In == "query" && p.Required).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Example?.ToString() ?? "example")}").ToList();
        if (query.Count > 0) url += "?" + string.Join("&", query);
        var sb = new StringBuilder($"curl -X {verb.ToUpperInvariant()} {Shell(url)} \\\n  {auth}");
        switch (body.Kind)
        {
            case BodyKind.Json:
                sb.Append($" \\\n  -H \"Content-Type: application/json\" \\\n  -d {Shell(body.Example!.ToJsonString())}");
                break;
            case BodyKind.Bytes:
                sb.Append($" \\\n  -H \"Content-Type: {body.MediaType}\" \\\n  --data-binary @upload.bin");
                break;
            case BodyKind.Form or BodyKind.Multipart:
                foreach (var (name, value, file) in body.Fields())
                    sb.Append(body.Kind == BodyKind.Form ? $" \\\n  --data-urlencode {Shell($"{name}={value}")}" : $" \\\n  -F {Shell($"{name}={(file ? "@" : "")}{value}")}");
                break;
        }
        if (download is not null) sb.Append($" \\\n  -o {download}");
        return sb.ToString();
    }

    private static string Shell(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static JsonNode? Resolve(JsonObject spec, JsonNode? node)
    {
        while (node?["$ref"]?.GetValue<string>() is { } reference)
        {
            JsonNode? target = spec;
            foreach (var part in reference.TrimStart('#', '/').Split('/')) target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            node = target;
        }
        return node;
    }
}
