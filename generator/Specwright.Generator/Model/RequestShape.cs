using System.Text.Json.Nodes;

namespace Specwright.Generator.Model;

/// <summary>How a request body goes on the wire.</summary>
public enum BodyKind { None, Json, FormUrlEncoded, Multipart, Binary, Text }

/// <summary>
/// One C# argument of an operation: a parameter (path, query, header, cookie), the body, or a field of a multipart body.
/// </summary>
/// <param name="Kind"><c>path</c>, <c>query</c>, <c>header</c>, <c>cookie</c>, <c>body</c> or <c>form</c>.</param>
/// <param name="Type">The C# type without the <c>?</c> an optional argument adds.</param>
/// <param name="Schema">The value's schema as written.</param>
public sealed record ApiArgument(string Name, string Variable, string Type, string Kind, bool Required, string? Description,
    ApiParameter? Parameter, JsonNode? Schema, bool IsFile = false)
{
    /// <summary>The type as a method parameter: nullable when the argument is optional.</summary>
    public string DeclaredType => Required || Type.EndsWith('?') ? Type : Type + "?";
}

/// <summary>What a call sends and what it reads back, in C# terms: the arguments in order, the body's media type, the result.</summary>
public sealed class RequestShape
{
    public required ApiOperation Operation { get; init; }
    public required IReadOnlyList<ApiArgument> Arguments { get; init; }
    public BodyKind BodyKind { get; init; }

    /// <summary>A multipart body's fields in the schema's order (the order of its parts).</summary>
    public IReadOnlyList<ApiArgument> FormFields { get; init; } = [];
    public string? BodyMediaType { get; init; }

    /// <summary>The result's C# type; null when the success response has no body.</summary>
    public string? ResultType { get; init; }

    /// <summary>The success response is a file (bytes of any media type): read as a stream, never buffered.</summary>
    public bool ResultIsStream { get; init; }

    /// <summary>The request builder's method: the operation's name, and <c>Stream</c> for the streaming form.</summary>
    public string MethodName => Naming.Pascal(Operation.Id) + (IsStreamingForm ? "Stream" : "") + "Async";

    /// <summary>
    /// The second form of an operation that answers JSON or <c>text/event-stream</c> (a chat completion): the same request,
    /// the events as the result, and the body's boolean <c>stream</c> (where it has one) sent true.
    /// </summary>
    public bool IsStreamingForm { get; init; }

    /// <summary>The body property the streaming form sets true (<c>stream</c>), if the body has it.</summary>
    public string? StreamFlag { get; init; }

    /// <summary>The streaming form of this operation, when its success answers <c>text/event-stream</c> beside JSON; else null.</summary>
    public RequestShape? StreamingForm(ClrTypes types)
    {
        var success = Operation.Success;
        if (IsStreamingForm || success?.Json is null) return null;
        var events = success.Content.FirstOrDefault(c => MediaTypes.IsEventStream(c.MediaType));
        if (events is null) return null;
        var eventType = EventDataType(events, types);
        var flag = BodyKind == BodyKind.Json && Operation.Body?.Json?.Resolved?["properties"]?["stream"] is JsonObject stream
            && stream["type"]?.GetValue<string>() == "boolean" ? "stream" : null;
        return new RequestShape
        {
            Operation = Operation,
            Arguments = Arguments,
            FormFields = FormFields,
            BodyKind = BodyKind,
            BodyMediaType = BodyMediaType,
            IsStreamingForm = true,
            StreamFlag = flag,
            ResultIsStream = true,
            ResultEventType = eventType,
            ResultType = $"global::Specwright.Core.Http.ServerSentEventStream<{eventType}>",
        };
    }

    /// <summary>The type of each event's data when the answer is <c>text/event-stream</c> (the result is then a <c>ServerSentEventStream</c> of it).</summary>
    public string? ResultEventType { get; init; }

    /// <summary>The media type of a text answer (<c>text/plain</c>, <c>text/csv</c>, XML), read as a string; null for any other answer.</summary>
    public string? ResultTextMediaType { get; init; }

    /// <summary>The type of each line when the answer is JSON Lines (the result is then a <c>JsonLinesStream</c> of it).</summary>
    public string? ResultLinesType { get; init; }

    private static readonly string[] Reserved = ["callOptions", "cancellationToken", "options"];

    public static RequestShape For(ApiOperation op, ClrTypes types)
    {
        var arguments = new List<(string Key, ApiArgument Argument)>();
        foreach (var p in op.Parameters.Where(p => p.In is "path" or "query" or "header" or "cookie"))
            arguments.Add((Key(p.In, p.Name), new ApiArgument(p.Name, "", types.Of(p.Schema, ClrTypes.Use.Argument), p.In, p.Required, p.Description, p, p.Schema)));

        var (kind, media) = ChooseBody(op.Body, types);
        if (kind == BodyKind.Multipart && media!.Resolved?["properties"] is JsonObject fields)
        {
            var required = (media.Resolved["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).ToHashSet();
            foreach (var (name, schema) in fields)
            {
                var isFile = types.IsFile(schema) || types.IsFile(schema?["items"]);
                var type = types.Of(schema, ClrTypes.Use.Argument);
                arguments.Add((Key("formdata", name), new ApiArgument(name, "", type, "form", required.Contains(name),
                    schema?["description"]?.GetValue<string>(), null, schema, isFile)));
            }
        }
        else if (kind != BodyKind.None)
        {
            var type = kind switch
            {
                BodyKind.Binary => "System.IO.Stream",
                BodyKind.Text => "string",
                _ => types.Of(media!.Schema, ClrTypes.Use.Argument),
            };
            var name = op.Body!.Name ?? "body";
            arguments.Add((Key("body", name), new ApiArgument(name, "", type, "body", op.Body.Required, op.Body.Description, null, media!.Schema)));
        }

        // A path `id` and a query `id` are two arguments: the later one is named with its place (queryId).
        var names = Naming.Distinct(arguments.Select(a => a.Key), k => Naming.Variable(Wire(k)), Reserved, k => Naming.Variable(Place(k) + "_" + Wire(k)));
        var named = arguments.Select(a => a.Argument with { Variable = names[a.Key] }).ToList();
        var ordered = named.OrderBy(a => a.Required ? 0 : 1).ToList(); // required first, each group in the spec's order (LINQ's sort is stable)

        var success = op.Success;
        var resultContent = success?.Json ?? success?.Content.FirstOrDefault();
        // text/event-stream: each event's data typed by the media type's schema (an event, not the whole body).
        var events = resultContent is not null && MediaTypes.IsEventStream(resultContent.MediaType);
        var eventType = events ? EventDataType(resultContent!, types) : null;
        // JSON Lines: each line typed by the media type's schema (one value, not the whole body).
        var lines = resultContent is not null && MediaTypes.IsJsonLines(resultContent.MediaType) ? types.Of(resultContent.Schema, ClrTypes.Use.Result) : null;
        var isStream = resultContent is not null && (events || lines is not null || IsBinary(resultContent, types));
        // Text (text/plain, text/csv, text/html, XML): the body as a string, not JSON.
        var text = resultContent is not null && !isStream && !MediaTypes.IsJson(resultContent.MediaType);
        return new RequestShape
        {
            Operation = op,
            Arguments = ordered,
            FormFields = named.Where(a => a.Kind == "form").ToList(),
            BodyKind = kind,
            BodyMediaType = media?.MediaType,
            ResultIsStream = isStream,
            ResultEventType = eventType,
            ResultLinesType = lines,
            ResultTextMediaType = text ? MediaTypes.Essence(resultContent!.MediaType) : null,
            ResultType = resultContent is null ? null
                : text ? "string"
                : eventType is not null ? $"global::Specwright.Core.Http.ServerSentEventStream<{eventType}>"
                : lines is not null ? $"global::Specwright.Core.Http.JsonLinesStream<{lines}>"
                : isStream ? "global::Specwright.Core.Http.StreamedContent"
                : types.Of(resultContent.Schema, ClrTypes.Use.Result),
        };
    }

    /// <summary>
    /// JSON first (any <c>+json</c>), then multipart, form, bytes and text: the media type the SDK sends when an operation
    /// accepts several.
    /// </summary>
    private static (BodyKind, ApiContent?) ChooseBody(ApiBody? body, ClrTypes types)
    {
        if (body is null) return (BodyKind.None, null);
        if (body.Json is { } json) return (types.IsFile(json.Schema) ? BodyKind.Binary : BodyKind.Json, json);
        ApiContent? Find(Func<string, bool> match) => body.Content.FirstOrDefault(c => match(MediaTypes.Essence(c.MediaType)));
        if (Find(m => m == "multipart/form-data") is { } multipart) return (BodyKind.Multipart, multipart);
        if (Find(m => m == "application/x-www-form-urlencoded") is { } form) return (BodyKind.FormUrlEncoded, form);
        if (Find(m => m.StartsWith("text/", StringComparison.Ordinal)) is { } text && !types.IsFile(text.Schema)) return (BodyKind.Text, text);
        return (BodyKind.Binary, body.Content[0]);
    }

    /// <summary>
    /// The type of one event's data. A schema of the event itself (properties among <c>id</c>, <c>event</c>, <c>data</c> and
    /// <c>retry</c>, as Speakeasy's convention and Mistral's spec write it) gives its <c>data</c>'s type; any other schema is the data's.
    /// </summary>
    private static string EventDataType(ApiContent events, ClrTypes types)
    {
        if (events.Resolved?["properties"] is JsonObject properties && properties["data"] is { } data
            && properties.All(p => p.Key is "id" or "event" or "data" or "retry"))
            return types.Of(data, ClrTypes.Use.Result);
        return types.Of(events.Schema, ClrTypes.Use.Result);
    }

    /// <summary>A response read as bytes: a binary schema, or a media type that is neither JSON nor text.</summary>
    private static bool IsBinary(ApiContent content, ClrTypes types)
    {
        if (types.IsFile(content.Schema)) return true;
        if (MediaTypes.IsJson(content.MediaType)) return false;
        var type = MediaTypes.Essence(content.MediaType);
        return !type.StartsWith("text/", StringComparison.Ordinal) && !type.EndsWith("+xml", StringComparison.Ordinal) && type != "application/xml";
    }

    // Parameter kinds spelled as NSwag spelled them, so variable names stay what 1.x generated.
    private static string Key(string place, string name) => (place switch
    {
        "path" => "Path", "query" => "Query", "header" => "Header", "cookie" => "Cookie", "body" => "Body", _ => "FormData",
    }) + ":" + name;

    private static string Place(string key) => key[..key.IndexOf(':')];

    private static string Wire(string key) => key[(key.IndexOf(':') + 1)..];
}
