using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;
using Specwright.Generator;
using Specwright.Generator.Model;
using Specwright.Sandbox.Spec;

namespace Specwright.Sandbox.Hosting;

/// <summary>
/// Checks a request against its operation in the spec: every path (by its style), query and header parameter (presence, type,
/// enum, ranges, patterns) and the body as the media type it was sent as (JSON, a form or a multipart body against its schema;
/// other bytes by media type and presence). Returns every issue at once, and the parsed body. The body stays readable for the
/// simulation (it is buffered).
/// </summary>
internal sealed class RequestValidator(JsonObject spec, int maxBodyBytes)
{
    public async Task<(JsonNode? Body, List<ValidationIssue> Issues)> CheckAsync(HttpContext http, OperationInfo operation,
        IReadOnlyDictionary<string, string> route)
    {
        var issues = new List<ValidationIssue>();
        var raw = spec["paths"]?[operation.Path]?[operation.Method.ToLowerInvariant()] as JsonObject;
        foreach (var p in Parameters(operation.Path, raw))
            CheckParameter(http, p, route, issues);
        JsonNode? body = null;
        if (operation.Body is { } declared) body = await ReadBodyAsync(http, declared, raw, issues);
        return (body, issues);
    }

    private IEnumerable<JsonObject> Parameters(string path, JsonObject? raw)
    {
        var all = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var list in new[] { spec["paths"]?[path]?["parameters"], raw?["parameters"] })
        foreach (var p in (list as JsonArray ?? []).Select(p => RawSpec.Resolve(spec, p)).OfType<JsonObject>())
            if (p["name"]?.GetValue<string>() is { } name && p["in"]?.GetValue<string>() is "path" or "query" or "header") all[name] = p;
        return all.Values;
    }

    private void CheckParameter(HttpContext http, JsonObject p, IReadOnlyDictionary<string, string> route, List<ValidationIssue> issues)
    {
        var name = p["name"]!.GetValue<string>();
        var where = p["in"]!.GetValue<string>();
        var values = where switch
        {
            "path" => route.TryGetValue(name, out var v) ? PathValues(p, name, v) : [],
            "query" => http.Request.Query.TryGetValue(name, out var q) ? q.Where(x => x is not null).Select(x => x!).ToArray() : [],
            _ => http.Request.Headers.TryGetValue(name, out var h) ? h.Where(x => x is not null).Select(x => x!).ToArray() : [],
        };
        if (values.Length == 0)
        {
            if (p["required"]?.GetValue<bool>() == true) issues.Add(new ValidationIssue(where, name, "is required", IssueKind.Missing));
            return;
        }
        var schema = RawSpec.Resolve(spec, p["schema"]) ?? p["schema"] as JsonObject;
        if (schema is null) return;
        var (node, problem) = Coerce(values, schema);
        if (problem is not null)
        {
            issues.Add(new ValidationIssue(where, name, problem, IssueKind.Type));
            return;
        }
        foreach (var error in new SchemaCheck(spec, rootName: name).Errors(node, schema))
            issues.Add(new ValidationIssue(where, name, error.StartsWith(name + ": ", StringComparison.Ordinal) ? error[(name.Length + 2)..] : error));
    }

    /// <summary>
    /// A path parameter's text without its style's spelling: <c>label</c> drops the leading <c>.</c> (exploded items split on
    /// <c>.</c>), <c>matrix</c> the <c>;name=</c> (exploded items split on it); simple is as sent. Comma lists split later.
    /// </summary>
    private static string[] PathValues(JsonObject p, string name, string text)
    {
        var explode = p["explode"]?.GetValue<bool>() == true;
        switch (p["style"]?.GetValue<string>())
        {
            case "label" when text.StartsWith('.'):
                return explode ? [string.Join(',', text[1..].Split('.'))] : [text[1..]];
            case "matrix" when text.StartsWith($";{name}=", StringComparison.Ordinal):
                var rest = text[(name.Length + 2)..];
                return explode ? [string.Join(',', rest.Split($";{name}="))] : [rest];
            default:
                return [text];
        }
    }

    /// <summary>A parameter's text as the JSON value its schema types it as (an array from repeated or comma-separated values).</summary>
    private (JsonNode? Node, string? Problem) Coerce(string[] values, JsonObject schema)
    {
        var type = SchemaCheck.TypeOf(schema);
        if (type == "array")
        {
            var items = RawSpec.Resolve(spec, schema["items"]) ?? schema["items"] as JsonObject ?? new JsonObject();
            var array = new JsonArray();
            foreach (var text in values.SelectMany(v => v.Split(',')))
            {
                var (item, problem) = Scalar(text, SchemaCheck.TypeOf(items));
                if (problem is not null) return (null, problem);
                array.Add(item);
            }
            return (array, null);
        }
        return Scalar(values[^1], type);
    }

    private static (JsonNode? Node, string? Problem) Scalar(string text, string? type) => type switch
    {
        "integer" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? (JsonValue.Create(l), null) : (null, $"expected an integer, got '{text}'"),
        "number" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? (JsonValue.Create(d), null) : (null, $"expected a number, got '{text}'"),
        "boolean" => text.ToLowerInvariant() switch
        {
            "true" or "1" => (JsonValue.Create(true), null),
            "false" or "0" => (JsonValue.Create(false), null),
            _ => (null, $"expected true or false, got '{text}'"),
        },
        _ => (JsonValue.Create(text), null),
    };

    private async Task<JsonNode?> ReadBodyAsync(HttpContext http, OperationBody declared, JsonObject? raw, List<ValidationIssue> issues)
    {
        http.Request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: maxBodyBytes + 1);
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            bytes = buffer.ToArray();
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            issues.Add(new ValidationIssue("body", "", $"request body is larger than the sandbox's limit of {maxBodyBytes} bytes"));
            return null;
        }
        http.Request.Body.Position = 0;
        if (bytes.Length > maxBodyBytes)
        {
            issues.Add(new ValidationIssue("body", "", $"request body is larger than the sandbox's limit of {maxBodyBytes} bytes"));
            return null;
        }
        var contents = RawSpec.Resolve(spec, raw?["requestBody"])?["content"] as JsonObject ?? [];
        // No Content-Type at all is read as the operation's JSON, as the sandbox always has (curl -d and hand-made requests).
        var sent = http.Request.ContentType is { } contentType ? MediaTypes.Essence(contentType)
            : contents.Select(c => c.Key).FirstOrDefault(MediaTypes.IsJson) is not null ? "application/json" : null;
        var declaredAs = contents.FirstOrDefault(c => sent is not null && MediaTypes.Covers(c.Key, sent));
        if (bytes.Length == 0 || (IsJsonOrText(sent) && bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')))
        {
            if (declared.Required)
                issues.Add(new ValidationIssue("body", "", $"request body is required: send {string.Join(" or ", contents.Select(c => c.Key))}", IssueKind.Missing));
            return null;
        }
        if (declaredAs.Key is null)
        {
            issues.Add(new ValidationIssue("body", "", $"request body is {sent ?? "sent with no Content-Type"}; this operation takes {string.Join(", ", contents.Select(c => c.Key))}", IssueKind.Type));
            return null;
        }
        var schema = declaredAs.Value?["schema"];
        JsonNode? node;
        if (sent is "application/x-www-form-urlencoded" or "multipart/form-data")
        {
            node = await FormBody.ReadAsync(http, spec, RawSpec.Resolve(spec, schema), issues);
            http.Request.Body.Position = 0;
            if (node is null) return null;
        }
        else if (MediaTypes.IsJson(sent!))
        {
            try
            {
                node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException e)
            {
                issues.Add(new ValidationIssue("body", "", $"request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", IssueKind.Type));
                return null;
            }
        }
        else return null; // bytes or text: the media type and presence are all a schema of `format: binary` can say
        foreach (var error in new SchemaCheck(spec).Errors(node, schema))
            issues.Add(new ValidationIssue("body", "", error));
        return node;
    }

    private static bool IsJsonOrText(string? essence) => essence is null || MediaTypes.IsJson(essence) || essence.StartsWith("text/", StringComparison.Ordinal);
}
