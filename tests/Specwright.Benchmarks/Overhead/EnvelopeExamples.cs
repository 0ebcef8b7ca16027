using System.Text;
using System.Text.Json.Nodes;
using Specwright.TestSupport;

namespace Specwright.Benchmarks.Overhead;

/// <summary>The docs' example envelopes, read from openapi/webscrape.yaml (not retyped), as UTF-8 response bodies.</summary>
public static class EnvelopeExamples
{
    private static readonly Lazy<SpecDocument> Spec = new(() => SpecDocument.Load("webscrape.yaml"));

    public static byte[] Scrape => Body("POST /scrape 200 application/json example 'html'");
    public static byte[] SmartScraper => Body("POST /smartscraper 200 application/json example 'object'");
    public static byte[] GetRun => Body("GET /smartbrowse/runs/{id} 200 application/json example 'completed'");

    private static byte[] Body(string where)
    {
        var example = Spec.Value.Examples().SingleOrDefault(e => e.Where == where)
                      ?? throw new InvalidOperationException($"openapi/webscrape.yaml has no {where}");
        return Encoding.UTF8.GetBytes(example.Value.ToJsonString());
    }

    /// <summary>A request body example of the spec, e.g. the scrape request 'markdown'.</summary>
    public static JsonNode Request(string where) =>
        Spec.Value.Examples().Single(e => e.Where == where).Value;
}
