using System.Text;
using System.Text.Json.Nodes;
using Specwright.Core.Http;
using Specwright.Generator;
using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Spec;

/// <summary>
/// An operation's documented answer: its first success response with the spec's example (the media type's
/// <c>example</c>, its first <c>examples</c> entry, or the schema's <c>example</c>), else a value made from the schema.
/// </summary>
internal static class ExampleReplies
{
    public static Reply For(JsonObject spec, OperationInfo operation)
    {
        var responses = spec["paths"]?[operation.Path]?[operation.Method.ToLowerInvariant()]?["responses"] as JsonObject ?? [];
        // The first 2xx; else a 2XX range or the default response, answered as 200; else a documented 3xx (the operation's answer
        // is a redirect: sent with its body and no Location, which the SDK reads as the call's result).
        var (status, _, response) = responses
            .Select(r => SuccessStatus(r.Key) is var (s, rank) ? (Status: s, Rank: rank, Response: RawSpec.Resolve(spec, r.Value)) : default)
            .Where(r => r.Status > 0)
            .OrderBy(r => r.Rank)
            .FirstOrDefault();
        if (status == 0) return new Reply(204, [], ContentType: "");
        if (response?["content"]?["text/event-stream"] is JsonObject events && response["content"]?["application/json"] is null)
            return new Reply(status, EventStream(spec, events), ContentType: "text/event-stream");
        if (response?["content"]?["application/json"] is not JsonObject media)
            return response?["content"] is JsonObject { Count: > 0 } other && other.First() is var (type, download)
                ? new Reply(status, Download(spec, download as JsonObject), ContentType: type)
                : new Reply(status, [], ContentType: "");
        var schema = media["schema"];
        var value = DocumentedExample(spec, media)?.DeepClone() ?? new SchemaSample(spec).Make(schema);
        return new Reply(status, Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null"));
    }

    /// <summary>
    /// A response key as the status the sandbox answers it with, and its rank among them: 200 to 299 as themselves first, then
    /// 2XX as 200, then default as 200, then 300 to 399 as themselves; any other key 0.
    /// </summary>
    private static (int Status, int Rank) SuccessStatus(string key) =>
        Is(key, '2') ? (int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), 0)
        : key.Equals("2XX", StringComparison.OrdinalIgnoreCase) ? (200, 1)
        : key == "default" ? (200, 2)
        : Is(key, '3') ? (int.Parse(key, System.Globalization.CultureInfo.InvariantCulture), 3)
        : (0, 0);

    private static bool Is(string key, char first) => key.Length == 3 && key[0] == first && char.IsAsciiDigit(key[1]) && char.IsAsciiDigit(key[2]);

    /// <summary>Any other media type (a PDF, a CSV): its example as written, as bytes, else a line that says what it stands for.</summary>
    private static byte[] Download(JsonObject spec, JsonObject? media) =>
        Encoding.UTF8.GetBytes(Text(media is null ? null : DocumentedExample(spec, media)) ?? "sandbox sample content\n");

    /// <summary>A media type's example: its own <c>example</c>, else its first named <c>examples</c> value, else its schema's <c>example</c>.</summary>
    private static JsonNode? DocumentedExample(JsonObject spec, JsonObject media) =>
        media["example"]
        ?? (media["examples"] as JsonObject)?.Select(e => RawSpec.Resolve(spec, e.Value)?["value"]).FirstOrDefault(v => v is not null)
        ?? RawSpec.Resolve(spec, media["schema"])?["example"];

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    /// <summary>
    /// A <c>text/event-stream</c> answer: the example as written when it is the stream's text (<c>data: …</c>), else one event per item
    /// of an array example (or the one example, or two values made from the schema). An item shaped like an event (<c>data</c> with
    /// <c>event</c>, <c>id</c> or <c>retry</c>, as specs that describe the event itself write it) gives those fields; any other item is the data.
    /// </summary>
    private static byte[] EventStream(JsonObject spec, JsonObject media)
    {
        var schema = media["schema"];
        var example = DocumentedExample(spec, media);
        if (example is JsonValue text && text.TryGetValue<string>(out var raw) && raw.Contains("data:", StringComparison.Ordinal))
            return Encoding.UTF8.GetBytes(raw.EndsWith("\n\n", StringComparison.Ordinal) ? raw : raw.TrimEnd('\n') + "\n\n");
        var items = example is JsonArray many ? many.ToList() : example is not null ? [example] : [new SchemaSample(spec).Make(schema), new SchemaSample(spec).Make(schema)];
        var stream = new StringBuilder();
        foreach (var item in items)
        {
            var data = item;
            if (item is JsonObject e && e.ContainsKey("data") && (e.ContainsKey("event") || e.ContainsKey("id") || e.ContainsKey("retry")))
            {
                if (e["event"] is JsonValue name) stream.Append("event: ").Append(name.ToString()).Append('\n');
                if (e["id"] is JsonValue id) stream.Append("id: ").Append(id.ToString()).Append('\n');
                data = e["data"];
            }
            var line = data is JsonValue v && v.TryGetValue<string>(out var s) ? s : data?.ToJsonString() ?? "null";
            foreach (var part in line.Split('\n')) stream.Append("data: ").Append(part).Append('\n');
            stream.Append('\n');
        }
        return Encoding.UTF8.GetBytes(stream.ToString());
    }
}
