using System.Text.Json.Nodes;
using Specwright.Generator.Model;

namespace Specwright.Generator;

/// <summary>A parameter of a public method: its wire name, C# variable and type, and where it goes.</summary>
internal sealed record SurfaceParameter(string Name, string VariableName, string Type, string Kind, string? Description)
{
    /// <summary>The parameter as a property of the operation's options object: its variable in PascalCase (so two wire names that differ by punctuation stay two).</summary>
    public string PropertyName => Naming.Pascal(VariableName.TrimStart('@'));
}

/// <summary>
/// How a list operation pages: the cursor in the <c>Link</c>/<c>Has-More</c> headers (<c>x-specwright-paginated</c>),
/// or in the body (<c>{data: [...], next_cursor}</c>, recognised by its shape).
/// </summary>
internal sealed record SurfacePaging(string ItemType, bool InHeaders, string CursorVariable, string? LimitVariable,
    string? CursorField, string? ItemsProperty, string? NextCursorProperty, string? HasMoreProperty);

/// <summary>
/// A response in the spec's envelope (<c>info.x-specwright-envelope</c>): the envelope type NSwag reads, the
/// property holding the value, and the ones lifted into <c>ApiResponse</c> (null where the envelope lacks them).
/// </summary>
/// <param name="Metadata">What the envelope says about the call besides its value, by the spec's key (<c>creditsUsed</c>): each a
/// property of the service's generated response metadata.</param>
internal sealed record SurfaceEnvelope(string EnvelopeType, string DataProperty, string? RequestIdProperty, IReadOnlyList<EnvelopeField> Metadata,
    string? ErrorField, string? ErrorValue)
{
    /// <summary>The field the credits counter reads (<c>x-specwright-envelope.creditsUsed</c>), when the envelope has it.</summary>
    public string? CreditsUsedProperty => Metadata.FirstOrDefault(m => m.Key == "creditsUsed")?.Property;
}

/// <summary>One metadata field of an envelope: the spec's key, the envelope's property, its JSON type and wire name.</summary>
internal sealed record EnvelopeField(string Key, string Property, string ClrType, string Wire);

/// <summary>Long-running work an operation starts: the poll operation and its result type, where the id is, and the client's polling property.</summary>
internal sealed record SurfaceWork(string PollOperationId, string PollType, string IdProperty, string PollingProperty, bool StartReturnsPollType);

/// <summary>One operation as the public surface shows it: group, method name, arguments, options, result, paging, errors.</summary>
internal sealed class SurfaceOperation
{
    private static readonly string[] CursorParameters = ["cursor", "after", "starting_after", "page_token", "next_cursor", "continuation_token", "page_cursor"];
    private static readonly string[] LimitParameters = ["limit", "page_size", "per_page", "max_results"];
    private static readonly string[] ItemsProperties = ["data", "items", "results", "entries", "records"];
    private static readonly string[] NextCursorProperties = ["next_cursor", "nextCursor", "next_page_token", "nextPageToken", "cursor", "next"];
    private static readonly string[] HasMoreProperties = ["has_more", "hasMore"];

    public required string OperationId { get; init; }
    public string? Group { get; init; }
    public string? GroupDescription { get; init; }
    public required string MethodName { get; set; }
    public required string FullMethodName { get; init; }
    public required string ApiMethod { get; init; }

    /// <summary>The streaming form of an operation that also answers JSON (<c>CompleteStreamAsync</c> beside <c>CompleteAsync</c>): it shares the other's options class.</summary>
    public bool IsStreamingForm { get; init; }
    public string? Summary { get; init; }
    public string? Description { get; init; }

    /// <summary>The spec marks the operation <c>deprecated</c>: its methods carry <c>[Obsolete]</c>.</summary>
    public bool Deprecated { get; init; }
    public required IReadOnlyList<SurfaceParameter> ArgumentParameters { get; init; }
    public required IReadOnlyList<SurfaceParameter> OptionsParameters { get; init; }
    public string OptionsClass => FullMethodName + "Options";
    public string? ResultType { get; init; }

    /// <summary>Set when the response is the spec's envelope: <see cref="ResultType"/> is then the unwrapped value's type.</summary>
    public SurfaceEnvelope? Envelope { get; init; }
    public SurfacePaging? Paging { get; init; }
    public required IReadOnlyList<(int Status, string? Description)> ErrorResponses { get; init; }

    /// <summary>Argument checks from the spec's constraints, as C# statements run before sending.</summary>
    public required IReadOnlyList<string> Checks { get; init; }

    /// <summary>The spec's <c>x-specwright-lro</c>: the operation that polls the work this one starts, and where its id is.</summary>
    public (string Poll, string IdPath)? StartsWork { get; init; }

    /// <summary>The work this operation starts, resolved against its poll operation.</summary>
    public SurfaceWork? Work { get; set; }

    /// <summary>A handwritten partial defines this operation's public methods (<c>[SuppressGenerated]</c>).</summary>
    public bool Suppressed { get; set; }

    /// <summary>Set on a poll operation some other operation starts work for: it gets a rehydrating <c>…Operation(id)</c>.</summary>
    public bool Polls { get; set; }

    /// <summary>
    /// <c>x-specwright-attempt-timeout</c>: C# computing the call's minimum attempt timeout with the operation's
    /// <c>OperationInfo.AttemptTimeout</c> rule from the parameter's value.
    /// </summary>
    public string? MinimumAttemptTimeout { get; init; }

    /// <summary>The result's property whose type is a status enum with terminal states (<c>x-specwright-terminal</c>).</summary>
    public string? TerminalProperty { get; init; }

    public static SurfaceOperation From(RequestShape shape, ServiceModel model, SpecFacts facts)
    {
        var op = shape.Operation;
        var root = model.Root;
        var raw = op.Node;
        var group = op.Group;
        var parameters = shape.Arguments.Select(a => new SurfaceParameter(a.Name, a.Variable, a.DeclaredType, a.Kind, a.Description)).ToList();
        // Path parameters, required query, header and cookie parameters and fields, and the body are arguments; the rest go in an
        // options object (a required one there would compile to a call that may pass null).
        var arguments = shape.Arguments.Where(a => a.Kind is "path" or "body" || a.Kind is "query" or "form" or "header" or "cookie" && a.Required)
            .Select(a => parameters.First(p => p.VariableName == a.Variable)).ToList();
        var optional = parameters.Except(arguments).ToList();
        var full = Naming.Pascal(op.Id);
        var envelope = FindEnvelope(root, op, shape);
        var paging = shape.IsStreamingForm ? null : FindPaging(root, facts, op, parameters);
        var rawParameters = op.Parameters.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Last().Node, StringComparer.Ordinal);
        return new SurfaceOperation
        {
            OperationId = op.Id,
            Group = group,
            GroupDescription = op.GroupDescription,
            FullMethodName = full,
            // x-specwright-name names the method instead of the operation id.
            MethodName = (raw["x-specwright-name"]?.GetValue<string>() is { Length: > 0 } name ? Naming.Pascal(name) : Shorten(full, group))
                + (shape.IsStreamingForm ? "Stream" : "") + "Async",
            ApiMethod = shape.MethodName,
            IsStreamingForm = shape.IsStreamingForm,
            Summary = shape.IsStreamingForm ? $"{op.Summary ?? op.Id}, streamed: each event as it arrives (text/event-stream)" : op.Summary,
            Description = op.Description,
            Deprecated = op.Deprecated,
            ArgumentParameters = arguments,
            OptionsParameters = paging is null ? optional : optional.Where(p => p.VariableName != paging.CursorVariable).ToList(),
            ResultType = envelope is not null ? DataType(op, envelope)
                : shape.ResultType,
            Envelope = envelope,
            Paging = paging,
            TerminalProperty = shape.IsStreamingForm ? null : FindTerminalProperty(root, op, envelope),
            MinimumAttemptTimeout = facts.Operations.First(o => o.OperationId == op.Id).AttemptTimeout is { } timeout
                ? $"{facts.Naming.SpecClass}.Operations.{Naming.Pascal(op.Id)}.Info.AttemptTimeout!.For({Access(timeout.Parameter, arguments, optional, op.Id)})"
                : null,
            Checks = BodyChecks(root, arguments.FirstOrDefault(a => a.Kind == "body"), op)
                .Concat(ParameterChecks(rawParameters, arguments, paging is null ? optional : optional.Where(p => p.VariableName != paging.CursorVariable)))
                .Concat(UnsupportedValues(raw, arguments, optional, op.Id))
                .ToList(),
            StartsWork = !shape.IsStreamingForm && raw["x-specwright-lro"] is JsonObject lro
                ? (lro["poll"]?.GetValue<string>() ?? throw new InvalidOperationException($"{op.Id}: x-specwright-lro needs `poll` (the operation id that polls the work)."),
                   lro["id"]?.GetValue<string>() ?? "id")
                : null,
            ErrorResponses = op.ErrorStatuses.ToList(),
        };
    }

    private static SurfaceEnvelope? FindEnvelope(JsonObject root, ApiOperation op, RequestShape shape)
    {
        if (root["info"]?["x-specwright-envelope"] is not JsonObject e || shape.ResultType is null || shape.ResultIsStream) return null;
        var props = op.SuccessJsonSchema?["properties"] as JsonObject;
        var data = e["data"]?.GetValue<string>() ?? "data";
        if (props?[data]?["$ref"] is null) return null;
        string? Prop(string key) => e[key]?.GetValue<string>() is { } wire && props.ContainsKey(wire) ? Naming.Pascal(wire) : null;
        return new SurfaceEnvelope(shape.ResultType, Naming.Pascal(data), Prop("requestId"), MetadataFields(root, e, props),
            e["error"]?["field"]?.GetValue<string>() is { } f && props.ContainsKey(f) ? Naming.Pascal(f) : null, e["error"]?["value"]?.GetValue<string>());
    }

    /// <summary>The envelope's keys besides <c>data</c>, <c>requestId</c> and <c>error</c> that name a field of this response's envelope.</summary>
    internal static List<EnvelopeField> MetadataFields(JsonObject root, JsonObject envelope, JsonObject? properties) =>
        envelope.Where(kv => kv.Key is not ("data" or "requestId" or "error") && kv.Value is JsonValue)
            .Select(kv => (kv.Key, Wire: kv.Value!.GetValue<string>()))
            .Where(m => properties?.ContainsKey(m.Wire) == true)
            .Select(m => new EnvelopeField(m.Key, Naming.Pascal(m.Wire), MetadataType(RawSpec.Resolve(root, properties![m.Wire])), m.Wire))
            .ToList();

    /// <summary>A metadata field's C# type, nullable: a response may leave it out.</summary>
    private static string MetadataType(JsonNode? schema) => ((string?)schema?["type"], (string?)schema?["format"]) switch
    {
        ("integer", "int64") => "long?",
        ("integer", _) => "int?",
        ("number", _) => "double?",
        ("boolean", _) => "bool?",
        _ => "string?",
    };

    private static string DataType(ApiOperation op, SurfaceEnvelope envelope)
    {
        var props = (JsonObject)op.SuccessJsonSchema!["properties"]!;
        var reference = props.First(p => Naming.Pascal(p.Key) == envelope.DataProperty).Value!["$ref"]!.GetValue<string>();
        return Naming.Pascal(reference[(reference.LastIndexOf('/') + 1)..]);
    }

    private static string? FindTerminalProperty(JsonObject root, ApiOperation op, SurfaceEnvelope? envelope)
    {
        var schema = op.SuccessJsonSchema;
        if (envelope is not null)
            schema = Resolve(root, (schema?["properties"] as JsonObject ?? []).First(p => Naming.Pascal(p.Key) == envelope.DataProperty).Value);
        var props = schema?["properties"] as JsonObject ?? [];
        return props.Where(p => Resolve(root, p.Value)?["x-specwright-terminal"] is not null).Select(p => Naming.Pascal(p.Key)).FirstOrDefault();
    }

    /// <summary>How C# reads a parameter's value in a generated method: an argument, or a property of the options object.</summary>
    private static string Access(string wire, IEnumerable<SurfaceParameter> arguments, IEnumerable<SurfaceParameter> optional, string operationId) =>
        arguments.FirstOrDefault(a => a.Name == wire)?.VariableName
        ?? (optional.FirstOrDefault(o => o.Name == wire) is { } option ? $"options?.{option.PropertyName}"
            : throw new InvalidOperationException($"{operationId}: an x-specwright extension names the parameter '{wire}', which the operation does not have."));

    /// <summary><c>x-specwright-unsupported-countries</c>: the operation's <c>country</c> values it refuses, checked before sending.</summary>
    private static IEnumerable<string> UnsupportedValues(JsonObject raw, List<SurfaceParameter> arguments, List<SurfaceParameter> optional, string operationId)
    {
        if (raw["x-specwright-unsupported-countries"] is not JsonArray { Count: > 0 } values) yield break;
        var access = Access("country", arguments, optional, operationId);
        var list = string.Join(", ", values.Select(v => CSharpWriter.Literal(v!.GetValue<string>())));
        yield return $"global::Specwright.Core.Internal.Checks.NotOneOf({access}, new string[] {{ {list} }}, \"{access.Replace("?", "")}\");";
    }

    /// <summary>Checks of the body's top-level fields: required ones present (strings with a minimum length not blank), lengths, counts and ranges.</summary>
    private static IEnumerable<string> BodyChecks(JsonObject root, SurfaceParameter? body, ApiOperation op)
    {
        if (body is null) yield break;
        var v = body.VariableName;
        var required = op.Body?.Required == true;
        if (required) yield return $"global::Specwright.Core.Internal.Checks.Required({v}, \"{v}\");";
        var schema = op.Body?.Json?.Resolved;
        if (schema?["properties"] is not JsonObject props) yield break;
        var requiredProps = (schema["required"] as JsonArray ?? []).Select(n => n?.GetValue<string>()).ToHashSet();
        foreach (var (wire, node) in props)
        {
            var p = Resolve(root, node);
            if (p is null) continue;
            var access = $"{v}{(required ? "" : "?")}.{Naming.Pascal(wire)}";
            var name = $"{v}.{Naming.Pascal(wire)}";
            var type = TypeOf(p);
            foreach (var check in Constraints(p, type, access, name, requiredProps.Contains(wire) && node?["$ref"] is null, body: true))
                yield return required ? check : $"if ({v} is not null) {check}";
        }
    }

    private static IEnumerable<string> ParameterChecks(Dictionary<string, JsonObject> raw, IEnumerable<SurfaceParameter> arguments, IEnumerable<SurfaceParameter> options)
    {
        foreach (var p in arguments.Where(p => p.Kind is "query" or "header" or "cookie"))
            if (raw.TryGetValue(p.Name, out var r) && r["schema"] is JsonObject s)
                foreach (var check in Constraints(s, TypeOf(s), p.VariableName, p.VariableName, required: true)) yield return check;
        foreach (var p in options)
            if (raw.TryGetValue(p.Name, out var r) && r["schema"] is JsonObject s)
                foreach (var check in Constraints(s, TypeOf(s), $"options?.{p.PropertyName}", $"options.{p.PropertyName}", required: false)) yield return check;
    }

    private static string? TypeOf(JsonObject schema) =>
        schema["type"] is JsonArray a ? a.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null") : schema["type"]?.GetValue<string>();

    private static IEnumerable<string> Constraints(JsonObject s, string? type, string access, string name, bool required, bool body = false)
    {
        const string checks = "global::Specwright.Core.Internal.Checks";
        double? Num(string key) => s[key] is JsonValue v ? (v.TryGetValue<long>(out var l) ? l : v.GetValue<double>()) : null;
        string Lit(double? d) => d is null ? "null" : CSharpWriter.Literal(d.Value);
        string IntLit(double? d) => d is null ? "null" : ((long)d.Value).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var enumLike = s["enum"] is not null;
        if (type == "string" && !enumLike)
        {
            var min = Num("minLength");
            var isUri = s["format"]?.GetValue<string>() == "uri";
            if (required) yield return min >= 1 && !isUri ? $"{checks}.NotBlank({access}, \"{name}\");" : $"{checks}.Required({access}, \"{name}\");";
            if (!isUri && (min > 1 || Num("maxLength") is not null)) yield return $"{checks}.Length({access}, {IntLit(min)}, {IntLit(Num("maxLength"))}, \"{name}\");";
            if (isUri && body) yield return $"{checks}.AbsoluteUri({access}, \"{name}\");";
            if (s["pattern"]?.GetValue<string>() is { } pattern) yield return $"{checks}.Pattern({access}, {CSharpWriter.Literal(pattern)}, \"{name}\");";
        }
        else if (type == "array")
        {
            if (required) yield return $"{checks}.Required({access}, \"{name}\");";
            if (Num("minItems") is not null || Num("maxItems") is not null)
                yield return $"{checks}.Count({access}, {IntLit(Num("minItems"))}, {IntLit(Num("maxItems"))}, \"{name}\");";
        }
        else if (type is "integer" or "number" && (Num("minimum") is not null || Num("maximum") is not null))
            yield return $"{checks}.Between({access}, {Lit(Num("minimum"))}, {Lit(Num("maximum"))}, \"{name}\");";
    }

    /// <summary>The operation id without its group's word where the rest still says something: <c>getSmartBrowseRun</c> in SmartBrowse is <c>GetRun</c>, <c>listTasks</c> in Tasks is <c>List</c>.</summary>
    internal static string Shorten(string pascal, string? group)
    {
        if (group is null) return pascal;
        var words = Words(pascal);
        var groupWords = Words(Naming.Pascal(group));
        var singular = groupWords.ToList();
        if (singular[^1].Length > 1 && singular[^1].EndsWith('s')) singular[^1] = singular[^1][..^1];
        foreach (var drop in new[] { groupWords, singular })
        for (var i = 0; i + drop.Count <= words.Count; i++)
        {
            if (!words.Skip(i).Take(drop.Count).SequenceEqual(drop)) continue;
            var rest = words.Take(i).Concat(words.Skip(i + drop.Count)).ToList();
            if (rest.Count > 0) return string.Concat(rest);
        }
        return pascal;
    }

    private static List<string> Words(string pascal)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= pascal.Length; i++)
            if (i == pascal.Length || char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1]))
            {
                words.Add(pascal[start..i]);
                start = i;
            }
        return words;
    }

    private static SurfacePaging? FindPaging(JsonObject root, SpecFacts facts, ApiOperation op, List<SurfaceParameter> parameters)
    {
        var schema = op.SuccessJsonSchema;
        if (schema is null) return null;
        string? Variable(string? wire) => wire is null ? null : parameters.FirstOrDefault(p => p.Kind == "query" && p.Name == wire)?.VariableName;

        var fact = facts.Operations.First(o => o.OperationId == op.Id);
        if (fact.Paginated && facts.Pagination is { } rules)
        {
            var items = ItemType(root, schema) ?? throw new InvalidOperationException($"{op.Id}: x-specwright-paginated, but its response is not an array of a named schema.");
            var cursor = Variable(rules["cursorParameter"]!.GetValue<string>())
                ?? throw new InvalidOperationException($"{op.Id}: x-specwright-paginated, but it has no query parameter '{rules["cursorParameter"]}'.");
            return new SurfacePaging(items, true, cursor, Variable(rules["limitParameter"]?.GetValue<string>()),
                Naming.Pascal(rules["cursorField"]!.GetValue<string>()), null, null, null);
        }

        if (op.Method != "get") return null;
        var cursorVariable = CursorParameters.Select(Variable).FirstOrDefault(v => v is not null);
        if (cursorVariable is null || schema["properties"] is not JsonObject props) return null;
        var arrays = props.Where(p => Resolve(root, p.Value)?["type"]?.ToString() == "array").Select(p => p.Key).ToList();
        var itemsProperty = ItemsProperties.FirstOrDefault(arrays.Contains) ?? (arrays.Count == 1 ? arrays[0] : null);
        var next = NextCursorProperties.FirstOrDefault(props.ContainsKey);
        if (itemsProperty is null || next is null) return null;
        var itemType = ItemType(root, Resolve(root, props[itemsProperty])!);
        if (itemType is null) return null;
        var hasMore = HasMoreProperties.FirstOrDefault(props.ContainsKey);
        return new SurfacePaging(itemType, false, cursorVariable, LimitParameters.Select(Variable).FirstOrDefault(v => v is not null),
            null, Naming.Pascal(itemsProperty), Naming.Pascal(next), hasMore is null ? null : Naming.Pascal(hasMore));
    }

    private static string? ItemType(JsonObject root, JsonObject arraySchema)
    {
        if (arraySchema["type"]?.ToString() != "array") return null;
        var items = arraySchema["items"];
        if (items?["$ref"]?.GetValue<string>() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal))
            return Naming.Pascal(r["#/components/schemas/".Length..]);
        return Resolve(root, items)?["type"]?.ToString() == "string" ? "string" : null;
    }

    private static JsonObject? Resolve(JsonObject root, JsonNode? node) => RawSpec.Resolve(root, node);
}
