using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Packaging.Tests;

/// <summary>The packages say which spec they come from: version, assembly metadata, README, XML docs.</summary>
public sealed class PackageTests
{
    /// <summary>Each service package: its assembly, spec file, the spec facts it was built from, and a spec description its XML docs carry.</summary>
    private static readonly Dictionary<string, (Assembly Assembly, string Spec, string Sha256, string Version, string Description)> Services = new()
    {
        ["Specwright.WebScrape"] = (typeof(WebScrapeClient).Assembly, "webscrape.yaml", WebScrapeSpec.Sha256, WebScrapeSpec.Version,
            "The URL to fetch (http or https). PDF URLs are converted to markdown."),
        ["Specwright.ScrapeLlm"] = (typeof(Specwright.ScrapeLlm.ScrapeLlmClient).Assembly, "scrapellm.yaml", Specwright.ScrapeLlm.ScrapeLlmSpec.Sha256,
            Specwright.ScrapeLlm.ScrapeLlmSpec.Version, "Observed in third-party client code only."),
        ["Specwright.Ittybit"] = (typeof(Specwright.Ittybit.IttybitClient).Assembly, "ittybit.yaml", Specwright.Ittybit.IttybitSpec.Sha256,
            Specwright.Ittybit.IttybitSpec.Version, "The run the task belongs to."),
    };

    [Theory]
    [InlineData("Specwright.WebScrape")]
    [InlineData("Specwright.ScrapeLlm")]
    [InlineData("Specwright.Ittybit")]
    public void The_assembly_names_the_spec_it_was_generated_from(string package)
    {
        var s = Services[package];
        var metadata = s.Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(s.Sha256, metadata["Specwright.SpecSha256"]);
        Assert.Equal(s.Version, metadata["Specwright.SpecVersion"]);
        Assert.Equal("openapi/" + s.Spec, metadata["Specwright.SpecFile"]);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(RepoPaths.Spec(s.Spec))));
        Assert.Equal(s.Sha256, sha);
    }

    [Theory]
    [InlineData("Specwright.WebScrape", "Specwright.WebScrape.dll")]
    [InlineData("Specwright.ScrapeLlm", "Specwright.ScrapeLlm.dll")]
    [InlineData("Specwright.Ittybit", "Specwright.Ittybit.dll")]
    [InlineData("Specwright.Webhooks.AspNetCore", "Specwright.Webhooks.AspNetCore.dll")]
    [InlineData("Specwright.Core", "Specwright.Core.dll")]
    public async Task Dotnet_pack_produces_a_versioned_package_with_readme_and_xml_docs(string project, string dll)
    {
        var output = Directory.CreateTempSubdirectory("specwright-pack-").FullName;
        try
        {
            // Pack what `dotnet test` just built, in the same configuration (pack alone would default to Release).
            var configuration = typeof(PackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var psi = new ProcessStartInfo("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", project), "--no-build", "-c", configuration, "-o", output])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using (var p = Process.Start(psi)!)
            {
                var log = p.StandardOutput.ReadToEndAsync();
                await p.WaitForExitAsync();
                Assert.True(p.ExitCode == 0, await log);
            }
            var nupkg = Assert.Single(Directory.GetFiles(output, "*.nupkg"));
            using var zip = ZipFile.OpenRead(nupkg);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var meta = nuspec.Root.Element(ns + "metadata")!;
            var expected = Services.TryGetValue(project, out var service) ? $"{service.Version}.1" : "0.1.0";
            Assert.Equal(expected, (string?)meta.Element(ns + "version"));
            Assert.Equal("README.md", (string?)meta.Element(ns + "readme"));
            Assert.False(string.IsNullOrEmpty((string?)meta.Element(ns + "repository")?.Attribute("commit")));
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{dll}");
            var docs = zip.Entries.Single(e => e.FullName == $"lib/net10.0/{Path.ChangeExtension(dll, ".xml")}");
            using var reader = new StreamReader(docs.Open());
            var xml = await reader.ReadToEndAsync();
            if (Services.TryGetValue(project, out var described))
                Assert.Contains(described.Description, xml); // a spec description
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
