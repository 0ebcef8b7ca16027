using System.Text.Json.Nodes;
using Specwright.Sandbox.Site;
using Specwright.Sandbox.Spec;

namespace Specwright.Sandbox.WebScrape.Extraction;

/// <summary>
/// The sandbox's stand-in for the LLM: fills a JSON Schema from what the page holds. Property names are
/// matched to page facts (name, price, url, description…); arrays of objects on a listing page become one
/// entry per product. What the page cannot supply stays whatever the type's plain default is, so schemas
/// asking for the impossible (e.g. a price of at least a million) fail validation as they would for real.
/// </summary>
internal static class SchemaFiller
{
    public static JsonNode? Fill(JsonNode? schema, SitePage page) => Fill(schema, "", page, record: null, depth: 0);

    private static JsonNode? Fill(JsonNode? schema, string name, SitePage page, Product? record, int depth)
    {
        if (schema is not JsonObject s || depth > 16) return Text(name, page, record);
        if (s.TryGetPropertyValue("const", out var constant)) return constant?.DeepClone();
        if (s["enum"] is JsonArray { Count: > 0 } options) return options[0]?.DeepClone();
        return TypeOf(s) switch
        {
            "object" => Object(s, page, record, depth),
            "array" => Array(s, name, page, record, depth),
            "integer" => JsonValue.Create((long)Math.Floor(Number(name, page, record))),
            "number" => JsonValue.Create(Number(name, page, record)),
            "boolean" => JsonValue.Create(Normalize(name) is "in_stock" or "available" or "instock"),
            "null" => null,
            _ => Text(name, page, record),
        };
    }

    private static JsonObject Object(JsonObject s, SitePage page, Product? record, int depth)
    {
        var result = new JsonObject();
        if (s["properties"] is not JsonObject props || props.Count == 0) return Facts(page, record);
        foreach (var (name, sub) in props) result[name] = Fill(sub, name, page, record, depth + 1);
        return result;
    }

    private static JsonArray Array(JsonObject s, string name, SitePage page, Product? record, int depth)
    {
        var items = s["items"];
        var max = s["maxItems"] is JsonValue m ? (int)SchemaCheck.Number(m) : int.MaxValue;
        IEnumerable<JsonNode?> values = record is null && page.Products.Count > 0
            ? page.Products.Select(p => Fill(items, Singular(name), page, p, depth + 1))
            : [Fill(items, Singular(name), page, record, depth + 1)];
        return new JsonArray(values.Take(max).ToArray());
    }

    /// <summary>Free-form extraction: what the page is about, with its products when it lists any.</summary>
    public static JsonObject Facts(SitePage page, Product? record)
    {
        if (record is not null)
            return new JsonObject { ["name"] = record.Name, ["price"] = record.Price, ["description"] = record.Description };
        if (page.Products.Count > 1)
            return new JsonObject
            {
                ["products"] = new JsonArray(page.Products.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["price"] = p.Price }).ToArray()),
            };
        if (page.Products.Count == 1) return Facts(page, page.Products[0]);
        return new JsonObject { ["title"] = page.Title, ["summary"] = page.Description ?? page.Title };
    }

    private static JsonNode Text(string name, SitePage page, Product? record)
    {
        var p = record ?? (page.Products.Count == 1 ? page.Products[0] : null);
        var key = Normalize(name);
        string? value = key switch
        {
            "name" or "product" or "product_name" or "title" when p is not null => p.Name,
            "title" or "name" or "headline" => page.Title,
            "price" or "cost" or "amount" when p is not null => p.Price,
            "url" or "link" or "href" when p is not null => new Uri(page.Url, $"{FixtureSite.Root}/products/{p.Slug}").AbsoluteUri,
            "url" or "link" or "href" => page.Url.AbsoluteUri,
            "description" or "summary" when p is not null => p.Description,
            "description" or "summary" => page.Description,
            "sku" or "id" or "slug" when p is not null => p.Slug,
            "currency" => "USD",
            "language" or "lang" => page.Language,
            _ => null,
        };
        return JsonValue.Create(value ?? $"{name} of {page.Title}".Trim())!;
    }

    private static double Number(string name, SitePage page, Product? record)
    {
        var p = record ?? (page.Products.Count == 1 ? page.Products[0] : null);
        return Normalize(name) switch
        {
            "price" or "cost" or "amount" when p is not null => (double)p.Amount,
            "count" or "total" or "product_count" or "items" => page.Products.Count,
            _ => 1,
        };
    }

    private static string TypeOf(JsonObject s) => SchemaCheck.TypeOf(s) ?? "string";

    private static string Normalize(string name) => name.ToLowerInvariant().Replace('-', '_').Replace(' ', '_');

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;
}
