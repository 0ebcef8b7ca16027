using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Sandbox.Spec;

namespace Specwright.Sandbox.WebScrape;

/// <summary>Reads a JSON request body within the size limit and checks it against the operation's schema in the spec.</summary>
internal static class RequestBody
{
    public static async Task<JsonObject> ReadAsync(HttpContext http, int maxBytes, JsonNode? schema, CancellationToken ct)
    {
        var bytes = await ReadLimitedAsync(http.Request.Body, maxBytes, ct);
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            throw WebScrapeError.InvalidRequest("request body is required: send a JSON object");
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw WebScrapeError.InvalidRequest($"request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        var errors = new SchemaCheck(SpecDocuments.WebScrape).Errors(node, schema);
        if (errors.Count > 0) throw WebScrapeError.InvalidRequest(string.Join("; ", errors));
        return (JsonObject)node!;
    }

    /// <summary>A URL field must be absolute http(s): the fetcher cannot open anything else.</summary>
    public static Uri HttpUrl(JsonObject body, string field)
    {
        var text = body[field]!.GetValue<string>();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw WebScrapeError.InvalidRequest($"{field}: must be an http or https URL (got \"{Truncate(text)}\")");
        return url;
    }

    private static string Truncate(string s) => s.Length <= 100 ? s : s[..100] + "…";

    private static async Task<byte[]> ReadLimitedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw WebScrapeError.InvalidRequest($"request body is larger than the sandbox's limit of {maxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
