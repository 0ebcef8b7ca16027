using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// A <c>$ref</c> that leads nowhere in the document (a schema the vendor forgot to publish, another file, a URL) must not
/// stop the other operations from generating. Before anything reads the spec, each one is dropped with a warning that names
/// the place: a schema becomes any JSON value (nothing lost: the value arrives as <c>JsonElement</c>), a parameter is left
/// out (its operation stays, without it), anything else loses only what the reference would have added.
/// </summary>
internal static class DanglingReferences
{
    /// <summary>Drops every <c>$ref</c> that does not resolve in <paramref name="root"/>; one warning each (not in values, nor in
    /// <c>callbacks</c>, which the normalizer drops whole).</summary>
    public static void Drop(JsonObject root, ICollection<SpecWarning> warnings) => Visit(root, root, "", warnings);

    private static void Visit(JsonObject root, JsonNode? node, string pointer, ICollection<SpecWarning> warnings)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue r && r.TryGetValue<string>(out var target) && !Resolves(root, target))
                {
                    o.Remove("$ref");
                    warnings.Add(new SpecWarning(pointer, target.StartsWith('#')
                        ? $"$ref '{target}' names nothing in the document; {What(pointer)}"
                        : $"$ref '{target}' is outside the document (references to other files are not followed); {What(pointer)}"));
                }
                foreach (var (key, child) in o.ToList())
                    if (!key.StartsWith("x-", StringComparison.Ordinal) && key is not ("example" or "examples" or "default" or "enum" or "const" or "callbacks"))
                        Visit(root, child, pointer + SpecException.PointerOf(key), warnings);
                break;
            case JsonArray a:
                for (var i = a.Count - 1; i >= 0; i--)
                {
                    Visit(root, a[i], pointer + "/" + i, warnings);
                    // A parameter that was only a dangling reference is no parameter: its operation goes on without it.
                    if (pointer.EndsWith("/parameters", StringComparison.Ordinal) && a[i] is JsonObject { Count: 0 }) a.RemoveAt(i);
                }
                break;
        }
    }

    private static string What(string pointer) =>
        pointer.Contains("/parameters/", StringComparison.Ordinal) && !pointer.Contains("/schema", StringComparison.Ordinal)
            ? "the parameter is left out."
            : "read as any JSON value.";

    /// <summary>Whether a local reference (<c>#/components/schemas/Pet</c>, escapes and percent-encoding decoded) leads to a node.</summary>
    internal static bool Resolves(JsonObject root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) return reference == "#";
        JsonNode? node = root;
        foreach (var raw in reference[2..].Split('/'))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(part, out var child) ? child : null,
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return false;
        }
        return true;
    }
}

/// <summary>Something the generator left out or read loosely, and where: printed as an MSBuild warning, never a failed build.</summary>
public sealed record SpecWarning(string Pointer, string Message);
