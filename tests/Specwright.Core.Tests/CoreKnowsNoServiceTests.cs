using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>
/// Core is the runtime of every service, so it holds no service's facts: its code (comments aside) names no service and no
/// field a vendor's responses carry; those come from each spec (<c>x-specwright-envelope</c>, <c>x-specwright-retry</c>) into the
/// service's generated code.
/// </summary>
public sealed class CoreKnowsNoServiceTests
{
    [Fact]
    public void Cores_code_names_no_service_and_no_vendor_field()
    {
        var services = SourcePackages.Services();
        Assert.NotEmpty(services);
        var forbidden = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "smartbrowse", "smartscraper" };
        foreach (var service in services)
        {
            forbidden.Add(service.Service); // WebScrape, ScrapeLlm, Ittybit
            var spec = SpecDocument.Load(service.SpecFile).Root;
            // The wire names the spec's extensions point at: the envelope's fields, and where a 429 names its limits.
            foreach (var (key, value) in spec["info"]?["x-specwright-envelope"] as JsonObject ?? [])
                if (key != "error" && value is JsonValue v) forbidden.Add(v.GetValue<string>());
            foreach (var (_, value) in spec["info"]?["x-specwright-retry"]?["rateLimitBody"] as JsonObject ?? [])
                if (value is JsonValue v) forbidden.UnionWith(v.GetValue<string>().Split('.'));
        }
        forbidden.ExceptWith(["data", "error", "details"]); // generic words a spec's paths may also use

        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "Specwright.Core"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                var code = Regex.Replace(line, @"//.*$", ""); // comments aside (a URL in a string would be cut too: none in Core)
                foreach (var word in forbidden.Where(w => Regex.IsMatch(code, $@"(?<![A-Za-z0-9_]){Regex.Escape(w)}(?![A-Za-z0-9_])", RegexOptions.IgnoreCase)))
                    found.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{lineNumber}: {word}");
            }
        }

        Assert.True(found.Count == 0, "Core names a service or a vendor's field:\n" + string.Join("\n", found));
    }
}
