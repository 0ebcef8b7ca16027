using System.Text.Json.Nodes;

namespace Specwright.Generator.Model;

/// <summary>
/// The one reading of a spec's operations: built once from the normalized document (<see cref="SpecNormalizer"/>,
/// inline schemas already named by <see cref="InlineSchemas"/>), read by every emitter (request building, public
/// surface, facts, sandbox module, CLI description, the docs' SDK reference and code samples). Schemas stay JSON nodes; their C# types come from
/// <see cref="ClrTypes"/>.
/// </summary>
public sealed class ServiceModel
{
    public required JsonObject Root { get; init; }
    public required IReadOnlyList<ApiOperation> Operations { get; init; }

    /// <summary>The requests the service sends (3.1 <c>webhooks</c>), read like operations; the key is the webhook's name.</summary>
    public IReadOnlyList<ApiOperation> Webhooks { get; init; } = [];

    public ApiOperation Operation(string id) =>
        Operations.FirstOrDefault(o => o.Id == id) ?? throw new InvalidOperationException($"operation '{id}' is not in the spec");

    public JsonObject? Resolve(JsonNode? node) => RawSpec.Resolve(Root, node);

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static ServiceModel Read(JsonObject root) =>
        new() { Root = root, Operations = ReadOperations(root, "paths"), Webhooks = ReadOperations(root, "webhooks") };

    private static List<ApiOperation> ReadOperations(JsonObject root, string section)
    {
        var operations = new List<ApiOperation>();
        var tags = root["tags"] as JsonArray ?? [];
        foreach (var (path, item) in root[section] as JsonObject ?? [])
        {
            if (RawSpec.Resolve(root, item) is not { } pathItem) continue;
            foreach (var (method, node) in pathItem)
            {
                if (!Methods.Contains(method) || node is not JsonObject op || op["operationId"] is null) continue;
                // x-specwright-group names the sub-client ("" for the client itself) instead of the first tag.
                var group = op["x-specwright-group"] is JsonValue g ? g.GetValue<string>() is { Length: > 0 } named ? named : null
                    : (op["tags"] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
                operations.Add(new ApiOperation
                {
                    Id = op["operationId"]!.GetValue<string>(),
                    Path = path,
                    Method = method,
                    Node = op,
                    Group = group,
                    GroupDescription = tags.FirstOrDefault(t => t?["name"]?.GetValue<string>() == group)?["description"]?.GetValue<string>(),
                    Tags = (op["tags"] as JsonArray ?? []).Select(t => t?.GetValue<string>()).OfType<string>().ToList(),
                    Summary = op["summary"]?.GetValue<string>(),
                    Description = op["description"]?.GetValue<string>(),
                    Deprecated = op["deprecated"] is JsonValue d && d.TryGetValue<bool>(out var deprecated) && deprecated,
                    Parameters = WithTemplateNames(path, Parameters(root, pathItem["parameters"], op["parameters"])),
                    Body = Body(root, op["requestBody"]),
                    Responses = (op["responses"] as JsonObject ?? [])
                        .Select(r => (r.Key, Response: RawSpec.Resolve(root, r.Value)))
                        .Select(r => new ApiResponseSpec(r.Key, r.Response?["description"]?.GetValue<string>(), Content(root, r.Response?["content"]), r.Response?["headers"] as JsonObject))
                        .ToList(),
                    Security = op["security"] as JsonArray ?? root["security"] as JsonArray,
                });
            }
        }
        return operations;
    }

    /// <summary>An operation's parameters and its path item's, <c>$ref</c>s followed; an operation's own wins over its path item's (same name and place).</summary>
    private static List<ApiParameter> Parameters(JsonObject root, JsonNode? shared, JsonNode? own)
    {
        var list = new List<ApiParameter>();
        foreach (var source in new[] { shared, own })
        foreach (var p in (source as JsonArray ?? []).Select(p => RawSpec.Resolve(root, p)).OfType<JsonObject>())
        {
            if (p["name"]?.GetValue<string>() is not { } name || p["in"]?.GetValue<string>() is not { } place) continue;
            var style = p["style"]?.GetValue<string>() ?? (place is "query" or "cookie" ? "form" : "simple");
            var parameter = new ApiParameter(name, place, place == "path" || p["required"]?.GetValue<bool>() == true, p["schema"],
                RawSpec.Resolve(root, p["schema"]), p["description"]?.GetValue<string>() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null,
                style, p["explode"]?.GetValue<bool>() ?? style == "form", p);
            var index = list.FindIndex(x => x.Name == name && x.In == place);
            if (index >= 0) list[index] = parameter;
            else list.Add(parameter);
        }
        return list;
    }

    /// <summary>
    /// A name in the path template that no parameter declares (<c>/users/{id}</c> with no <c>id</c>, common in published
    /// specs) is a required string path parameter, so the operation stays callable.
    /// </summary>
    private static List<ApiParameter> WithTemplateNames(string path, List<ApiParameter> parameters)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(path, @"\{([^{}]+)\}"))
        {
            var name = m.Groups[1].Value;
            if (parameters.Any(p => p.In == "path" && p.Name == name)) continue;
            var schema = new JsonObject { ["type"] = "string" };
            parameters.Add(new ApiParameter(name, "path", true, schema, schema, null, "simple", false,
                new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = schema.DeepClone() }));
        }
        return parameters;
    }

    private static ApiBody? Body(JsonObject root, JsonNode? node) =>
        RawSpec.Resolve(root, node) is { } body && Content(root, body["content"]) is { Count: > 0 } content
            ? new ApiBody(body["required"]?.GetValue<bool>() == true, body["description"]?.GetValue<string>(),
                body["x-name"]?.GetValue<string>() ?? node?["x-name"]?.GetValue<string>(), content)
            : null;

    private static List<ApiContent> Content(JsonObject root, JsonNode? content) =>
        (content as JsonObject ?? []).Select(m => new ApiContent(m.Key, m.Value?["schema"], RawSpec.Resolve(root, m.Value?["schema"]),
            m.Value?["encoding"] as JsonObject) { Example = m.Value?["example"] ?? FirstExample(root, m.Value?["examples"]) }).ToList();

    /// <summary>The first of a media type's named <c>examples</c> that has a <c>value</c> (an example by <c>externalValue</c> is not read).</summary>
    private static JsonNode? FirstExample(JsonObject root, JsonNode? examples) =>
        (examples as JsonObject ?? []).Select(e => RawSpec.Resolve(root, e.Value)?["value"]).FirstOrDefault(v => v is not null);
}

/// <summary>One operation: where it is, what it takes (parameters, a body per media type) and what it answers (per status key).</summary>
public sealed class ApiOperation
{
    public required string Id { get; init; }
    public required string Path { get; init; }

    /// <summary>Lower case, as the spec writes it (<c>get</c>).</summary>
    public required string Method { get; init; }
    public required JsonObject Node { get; init; }

    /// <summary>The sub-client: <c>x-specwright-group</c>, else the first tag; null for the client itself.</summary>
    public string? Group { get; init; }
    public string? GroupDescription { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Summary { get; init; }
    public string? Description { get; init; }
    public bool Deprecated { get; init; }
    public required IReadOnlyList<ApiParameter> Parameters { get; init; }
    public ApiBody? Body { get; init; }
    public required IReadOnlyList<ApiResponseSpec> Responses { get; init; }

    /// <summary>The operation's <c>security</c>, else the document's.</summary>
    public JsonArray? Security { get; init; }

    /// <summary>
    /// The response a call returns as its value: <c>200</c>, else the first other 2xx, else <c>2XX</c>, else (an operation that
    /// documents only a redirect, Twilio's 307 with a <c>redirect_to</c> body) its first 3xx, which is the answer when it comes
    /// without a <c>Location</c> to follow.
    /// </summary>
    public ApiResponseSpec? Success =>
        Responses.FirstOrDefault(r => r.Key == "200")
        ?? Responses.FirstOrDefault(r => r.Key.Length == 3 && r.Key[0] == '2' && char.IsDigit(r.Key[1]))
        ?? Responses.FirstOrDefault(r => r.Key.Equals("2XX", StringComparison.OrdinalIgnoreCase))
        ?? Responses.FirstOrDefault(r => r.Key.Length == 3 && r.Key[0] == '3' && char.IsDigit(r.Key[1]) && char.IsDigit(r.Key[2]));

    /// <summary>The success response's JSON schema, <c>$ref</c> followed.</summary>
    public JsonObject? SuccessJsonSchema => Success?.Json?.Resolved;

    /// <summary>Documented error statuses (400 and up), with their descriptions.</summary>
    public IEnumerable<(int Status, string? Description)> ErrorStatuses =>
        Responses.Where(r => int.TryParse(r.Key, out var s) && s >= 400).Select(r => (int.Parse(r.Key), r.Description));

    public T? Extension<T>(string name) where T : JsonNode => Node[name] as T;
}

/// <param name="Schema">As written (may be a <c>$ref</c>).</param>
/// <param name="Resolved">The schema with its <c>$ref</c> followed.</param>
public sealed record ApiParameter(string Name, string In, bool Required, JsonNode? Schema, JsonObject? Resolved, string? Description,
    string Style, bool Explode, JsonObject Node);

/// <param name="Name">The request body's <c>x-name</c> (its C# parameter name), when the spec gives one.</param>
public sealed record ApiBody(bool Required, string? Description, string? Name, IReadOnlyList<ApiContent> Content)
{
    public ApiContent? Json => Content.FirstOrDefault(c => MediaTypes.IsJson(c.MediaType));
}

public sealed record ApiContent(string MediaType, JsonNode? Schema, JsonObject? Resolved, JsonObject? Encoding)
{
    /// <summary>The media type's own <c>example</c>, when it has one.</summary>
    public JsonNode? Example { get; init; }
}

/// <param name="Key">The status as the spec writes it: <c>200</c>, <c>4XX</c> or <c>default</c>.</param>
public sealed record ApiResponseSpec(string Key, string? Description, IReadOnlyList<ApiContent> Content, JsonObject? Headers)
{
    public ApiContent? Json => Content.FirstOrDefault(c => MediaTypes.IsJson(c.MediaType));
}
