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
        var (status, response) = responses
            .Where(r => r.Key.Length == 3 && r.Key[0] == '2')
            .Select(r => (Status: int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture), Response: RawSpec.Resolve(spec, r.Value)))
            .OrderBy(r => r.Status)
            .FirstOrDefault();
        if (status == 0) return new Reply(204, [], ContentType: "");
        if (response?["content"]?["text/event-stream"] is JsonObject events && response["content"]?["application/json"] is null)
            return new Reply(status, EventStream(spec, events), ContentType: "text/event-stream");
        if (response?["content"]?["application/json"] is not JsonObject media) return new Reply(status, [], ContentType: "");
        var schema = media["schema"];
        var value = media["example"]?.DeepClone()
                    ?? (media["examples"] as JsonObject)?.Select(e => RawSpec.Resolve(spec, e.Value)?["value"]).FirstOrDefault(v => v is not null)?.DeepClone()
                    ?? RawSpec.Resolve(spec, schema)?["example"]?.DeepClone()
                    ?? new SchemaSample(spec).Make(schema);
        return new Reply(status, Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null"));
    }

    /// <summary>
    /// A <c>text/event-stream</c> answer: the example as written when it is the stream's text (<c>data: …</c>), else one event per item
    /// of an array example (or the one example, or two values made from the schema). An item shaped like an event (<c>data</c> with
    /// <c>event</c>, <c>id</c> or <c>retry</c>, as specs that describe the event itself write it) gives those fields; any other item is the data.
    /// </summary>
    private static byte[] EventStream(JsonObject spec, JsonObject media)
    {
        var schema = media["schema"];
        var example = media["example"]
                      ?? (media["examples"] as JsonObject)?.Select(e => RawSpec.Resolve(spec, e.Value)?["value"]).FirstOrDefault(v => v is not null)
                      ?? RawSpec.Resolve(spec, schema)?["example"];
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
