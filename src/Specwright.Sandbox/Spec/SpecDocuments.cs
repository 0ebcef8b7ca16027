using System.Text.Json.Nodes;
using Specwright.Shared;

namespace Specwright.Sandbox.Spec;

/// <summary>The OpenAPI documents of openapi/, embedded in this assembly: the sandbox validates against the spec itself.</summary>
internal static class SpecDocuments
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonObject>> Documents = new(StringComparer.Ordinal);

    public static JsonObject WebScrape => Load("webscrape.yaml");
    public static JsonObject Ittybit => Load("ittybit.yaml");
    public static JsonObject ScrapeLlm => Load("scrapellm.yaml");

    /// <summary>A spec of openapi/ by file name, parsed once (every spec there is embedded, a new service's too).</summary>
    public static JsonObject Load(string specFile) =>
        Documents.GetOrAdd(specFile, f => new Lazy<JsonObject>(() => Read("openapi/" + f))).Value;

    private static JsonObject Read(string resource)
    {
        using var stream = typeof(SpecDocuments).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The sandbox was built without the embedded spec '{resource}'.");
        using var reader = new StreamReader(stream);
        return YamlJson.Load(reader);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, Dictionary<string, IReadOnlySet<int>>> Statuses = new();

    /// <summary>The HTTP statuses the spec documents for an operation, by operation id (indexed once per document).</summary>
    public static IReadOnlySet<int> DocumentedStatuses(JsonObject doc, string operationId) =>
        Statuses.GetValue(doc, IndexStatuses).TryGetValue(operationId, out var statuses)
            ? statuses
            : throw new ArgumentException($"No operation '{operationId}' in the spec.", nameof(operationId));

    private static Dictionary<string, IReadOnlySet<int>> IndexStatuses(JsonObject doc)
    {
        var index = new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
        foreach (var (_, item) in doc["paths"]!.AsObject())
        foreach (var (_, op) in item!.AsObject())
            if (op is JsonObject o && o["operationId"]?.GetValue<string>() is { } id)
                index[id] = o["responses"]!.AsObject().SelectMany(r => StatusesOf(r.Key)).ToHashSet();
        return index;
    }

    /// <summary>A response key's statuses: <c>404</c> itself, a range <c>4XX</c> each of 400 to 499, <c>default</c> none in particular.</summary>
    private static IEnumerable<int> StatusesOf(string key) =>
        int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status) ? [status]
        : key.Length == 3 && key[0] is >= '1' and <= '5' && key[1..].Equals("XX", StringComparison.OrdinalIgnoreCase) ? Enumerable.Range((key[0] - '0') * 100, 100)
        : [];

    /// <summary>The JSON request-body schema of an operation, as written in the spec (a $ref into components).</summary>
    public static JsonNode? RequestSchema(JsonObject doc, string method, string path) =>
        doc["paths"]?[path]?[method.ToLowerInvariant()]?["requestBody"]?["content"]?["application/json"]?["schema"];
}
