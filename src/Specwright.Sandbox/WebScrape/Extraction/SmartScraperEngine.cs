using System.Text.Json;
using System.Text.Json.Nodes;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Site;
using Specwright.Sandbox.Spec;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape.Extraction;

/// <summary>Produces <c>data</c> of <c>POST /smartscraper</c>: schema-shaped, plain text, or free-form.</summary>
internal static class SmartScraperEngine
{
    private static readonly HashSet<string> JsonTypes = ["object", "array", "string", "number", "integer", "boolean", "null"];

    public static SmartScraperData Extract(SmartScraperRequest request, JsonNode? outputSchema)
    {
        var page = Pages.Fetch(request.WebsiteUrl);
        var latency = 1800 + (request.Stealth == true ? 900 : 0) + (request.PageComplexity?.Value == "high" ? 700 : 0);
        JsonNode? result;
        if (request.PlainText == true)
            result = JsonValue.Create(PlainText(page));
        else if (outputSchema is JsonObject schema)
        {
            CheckSchemaIsUsable(schema, "output_schema");
            result = SchemaFiller.Fill(schema, page);
            var errors = new SchemaCheck(schema, rootName: "result").Errors(result, schema);
            if (errors.Count > 0)
                throw new WebScrapeError("validation_failed", "Output did not match the requested schema after one repair attempt.",
                    WebScrapeError.DetailsOf(new ValidationFailedDetails { Type = "schema_validation_error", Errors = errors.ToList() },
                        WebScrapeJsonContext.Default.ValidationFailedDetails));
        }
        else
            result = SchemaFiller.Facts(page, record: null);

        return new SmartScraperData
        {
            RequestId = Ids.ExtractionId("ss"),
            Result = result is null ? null : ScrapeEngine.ToElement(result),
            LatencyMs = latency,
        };
    }

    private static string PlainText(SitePage page)
    {
        if (page.IsPdf) return page.PdfText!.Replace("# ", "").Replace("\n\n", ". ");
        if (page.Products.Count > 0) return string.Join(" ", page.Products.Select(p => $"{p.Name} costs {p.Price}."));
        return $"{page.Title}. {page.Description}".Trim();
    }

    /// <summary>A schema the extractor cannot read is the caller's mistake (400), not a failed extraction (422).</summary>
    private static void CheckSchemaIsUsable(JsonObject schema, string path)
    {
        if (schema["type"] is { } type)
        {
            var names = type is JsonArray many ? many.Select(t => t?.ToString()) : [type.GetValueKind() == JsonValueKind.String ? type.GetValue<string>() : type.ToJsonString()];
            foreach (var n in names)
                if (n is null || !JsonTypes.Contains(n))
                    throw WebScrapeError.InvalidRequest($"{path}.type: \"{n}\" is not a JSON Schema type (use one of {string.Join(", ", JsonTypes)})");
        }
        if (schema["properties"] is JsonObject props)
            foreach (var (name, sub) in props)
                if (sub is JsonObject o) CheckSchemaIsUsable(o, $"{path}.properties.{name}");
                else throw WebScrapeError.InvalidRequest($"{path}.properties.{name}: must be a schema object");
        if (schema["items"] is JsonObject items) CheckSchemaIsUsable(items, $"{path}.items");
        if (schema["$ref"] is not null)
            throw WebScrapeError.InvalidRequest($"{path}.$ref: references are not supported in output_schema; inline the schema");
    }
}
