using System.Text.Json.Nodes;

namespace Specwright.TestSupport;

/// <summary>A response that does not match the spec.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Checks every response passing through it against the spec (status documented, media type, schema, documented headers,
/// X-Request-ID = body request_id), so every integration test is also a contract test. Responses a
/// sandbox fault made deliberately off-contract (a proxy's HTML page, a cut-off body, a 503) are let through.
/// </summary>
public sealed class ContractCheckingHandler(string specFile, string basePath, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string OffContractHeader = "X-Sandbox-Off-Contract";
    private int _checked;

    /// <summary>How many responses were validated.</summary>
    public int Checked => _checked;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.Contains(OffContractHeader)) return response;
        var path = request.RequestUri!.AbsolutePath;
        if (!path.StartsWith(basePath, StringComparison.Ordinal)) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body;
        try { body = text.Length == 0 ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { throw new ContractViolationException($"{request.Method} {path} -> {(int)response.StatusCode}: body is not JSON: {text[..Math.Min(200, text.Length)]}"); }
        var requestId = response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.First() : null;
        var errors = await ContractValidator.Instance.CheckResponseAsync(specFile, request.Method.Method, path[basePath.Length..],
            (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), requestId, body,
            response.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase));
        Interlocked.Increment(ref _checked);
        if (errors.Count > 0)
            throw new ContractViolationException($"{request.Method} {path} -> {(int)response.StatusCode} breaks {specFile}:\n  " + string.Join("\n  ", errors) + "\n  body: " + text[..Math.Min(500, text.Length)]);
        return response;
    }
}
