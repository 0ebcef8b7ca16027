using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Specwright.TestSupport;

/// <summary>
/// Validates responses against the OpenAPI documents with Ajv (JSON Schema 2020-12), in one long-lived
/// Node process (tests/contract/validate.mjs) shared by every test of the run.
/// </summary>
public sealed class ContractValidator : IDisposable
{
    private static readonly Lazy<ContractValidator> Shared = new(() => new ContractValidator());
    private readonly Process _node;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static ContractValidator Instance => Shared.Value;

    private ContractValidator()
    {
        var script = Path.Combine(RepoPaths.ContractTools, "validate.mjs");
        if (!Directory.Exists(Path.Combine(RepoPaths.ContractTools, "node_modules", "ajv")))
            throw new InvalidOperationException("tests/contract/node_modules is missing: building the test project runs `npm ci` there.");
        _node = Process.Start(new ProcessStartInfo("node", [script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        }) ?? throw new InvalidOperationException("Could not start node for the contract validator.");
    }

    /// <summary>Errors of one response against the spec (empty when it conforms).</summary>
    public Task<IReadOnlyList<string>> CheckResponseAsync(string specFile, string method, string path, int status,
        string? contentType, string? requestId, JsonNode? body, IReadOnlyDictionary<string, string>? headers = null) =>
        AskAsync(new JsonObject
        {
            ["headers"] = headers is null ? null : new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), (JsonNode?)h.Value))),
            ["kind"] = "response",
            ["spec"] = RepoPaths.Spec(specFile),
            ["method"] = method,
            ["path"] = path,
            ["status"] = status,
            ["contentType"] = contentType,
            ["requestId"] = requestId,
            ["body"] = body?.DeepClone(),
        });

    /// <summary>Errors of a JSON value against the schema at <paramref name="pointer"/> in a spec (e.g. a documented example's).</summary>
    public Task<IReadOnlyList<string>> CheckAgainstSpecSchemaAsync(string specFile, string pointer, JsonNode? instance) =>
        AskAsync(new JsonObject { ["kind"] = "schemaAt", ["spec"] = RepoPaths.Spec(specFile), ["pointer"] = pointer, ["instance"] = instance?.DeepClone() });

    /// <summary>Errors of a JSON value against an arbitrary JSON Schema (e.g. a SmartScraper output_schema).</summary>
    public Task<IReadOnlyList<string>> CheckInstanceAsync(JsonNode schema, JsonNode? instance) =>
        AskAsync(new JsonObject { ["kind"] = "instance", ["schema"] = schema.DeepClone(), ["instance"] = instance?.DeepClone() });

    private async Task<IReadOnlyList<string>> AskAsync(JsonObject request)
    {
        await _gate.WaitAsync();
        try
        {
            await _node.StandardInput.WriteLineAsync(request.ToJsonString());
            await _node.StandardInput.FlushAsync();
            var line = await _node.StandardOutput.ReadLineAsync()
                ?? throw new InvalidOperationException("The contract validator exited: " + await _node.StandardError.ReadToEndAsync());
            var answer = JsonNode.Parse(line)!;
            return answer["ok"]!.GetValue<bool>() ? [] : answer["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        try { _node.StandardInput.Close(); _node.WaitForExit(2000); } catch (InvalidOperationException) { }
        _node.Dispose();
    }
}
