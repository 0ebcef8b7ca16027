using System.Text.Json.Nodes;

namespace Specwright.SpecCheck;

/// <summary>
/// The document Prism mocks: the spec as given, or, when it has <c>callbacks</c>, a copy without them. Callbacks are the
/// API's requests to the caller, not calls the SDK makes, and Prism refuses to start on a spec where one has a
/// <c>$ref</c> that resolves nowhere (which the generator tolerates).
/// </summary>
internal static class PrismSpec
{
    public static string Write(string spec)
    {
        var raw = Specwright.Generator.RawSpec.Load(spec);
        var stripped = 0;
        foreach (var (_, item) in raw["paths"] as JsonObject ?? [])
            foreach (var (_, operation) in item as JsonObject ?? [])
                if (operation is JsonObject o && o.Remove("callbacks")) stripped++;
        if (stripped == 0) return spec;
        var copy = Path.Combine(Path.GetTempPath(), $"spec-check-{Guid.NewGuid():N}.json");
        File.WriteAllText(copy, raw.ToJsonString());
        return copy;
    }
}
