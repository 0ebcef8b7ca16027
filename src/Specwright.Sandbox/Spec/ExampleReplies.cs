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
        if (response?["content"]?["application/json"] is not JsonObject media) return new Reply(status, [], ContentType: "");
        var schema = media["schema"];
        var value = media["example"]?.DeepClone()
                    ?? (media["examples"] as JsonObject)?.Select(e => RawSpec.Resolve(spec, e.Value)?["value"]).FirstOrDefault(v => v is not null)?.DeepClone()
                    ?? RawSpec.Resolve(spec, schema)?["example"]?.DeepClone()
                    ?? new SchemaSample(spec).Make(schema);
        return new Reply(status, Encoding.UTF8.GetBytes(value?.ToJsonString() ?? "null"));
    }
}
