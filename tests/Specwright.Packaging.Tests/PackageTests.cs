using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// The packages say which spec they come from: version, assembly metadata, README, XML docs. The packages are
/// found from src/ (<see cref="SourcePackages"/>), so a service added by <c>make new-service</c> is checked too.
/// </summary>
public sealed class PackageTests
{
    public static TheoryData<string> Services => new(SourcePackages.Services().Select(s => s.Package));

    public static TheoryData<string> Libraries => new(SourcePackages.Libraries());

    private static ServicePackage Service(string package) => SourcePackages.Services().Single(s => s.Package == package);

    /// <summary>The generated <c>&lt;Service&gt;Spec</c> class's constant <paramref name="name"/> (Sha256, Version).</summary>
    private static string SpecFact(ServicePackage service, string name) =>
        (string)Assembly.Load(service.Package).GetType($"{service.Package}.{service.Service}Spec", throwOnError: true)!
            .GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    [Fact]
    public void Every_service_project_is_found_with_its_spec()
    {
        var services = SourcePackages.Services();

        Assert.Contains(services, s => s is { Package: "Specwright.WebScrape", SpecFile: "webscrape.yaml" });
        Assert.All(services, s => Assert.True(File.Exists(RepoPaths.Spec(s.SpecFile)), $"{s.Package} names {s.SpecFile}, which is not in openapi/"));
        Assert.Contains("Specwright.Core", SourcePackages.Libraries());
        Assert.DoesNotContain("Specwright.Sandbox", SourcePackages.Libraries());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_assembly_names_the_spec_it_was_generated_from(string package)
    {
        var s = Service(package);
        var metadata = Assembly.Load(package).GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(SpecFact(s, "Sha256"), metadata["Specwright.SpecSha256"]);
        Assert.Equal(SpecFact(s, "Version"), metadata["Specwright.SpecVersion"]);
        Assert.Equal("openapi/" + s.SpecFile, metadata["Specwright.SpecFile"]);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(RepoPaths.Spec(s.SpecFile))));
        Assert.Equal(SpecFact(s, "Sha256"), sha);
    }

    /// <summary>An operation summary of the spec in plain words (nothing the XML docs would escape or mark up).</summary>
    private static string PlainSummary(string specFile) =>
        SpecDocument.Load(specFile).Root["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => o.Value?["summary"]?.GetValue<string>()))
            .First(t => t is not null && Regex.IsMatch(t, @"^[\w ,.()/'-]+$"))!;

    [Theory]
    [MemberData(nameof(Libraries))]
    public async Task Dotnet_pack_produces_a_versioned_package_with_readme_and_xml_docs(string project)
    {
        var dll = project + ".dll";
        var service = SourcePackages.Services().SingleOrDefault(s => s.Package == project);
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
            var nupkg = Assert.Single(Directory.GetFiles(output, "*.nupkg"), f => !f.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
            using var zip = ZipFile.OpenRead(nupkg);
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open());
            XNamespace ns = nuspec.Root!.Name.Namespace;
            var meta = nuspec.Root.Element(ns + "metadata")!;
            // Semver from eng/Versions.props, a prerelease suffix (not a release build), and a service's spec version as build metadata.
            var next = PackageVersion.Of(project).Next;
            var expected = service is not null ? $"{next}-dev+spec.{SpecFact(service, "Version")}" : $"{next}-dev";
            Assert.Equal(expected, (string?)meta.Element(ns + "version"));
            Assert.Equal("README.md", (string?)meta.Element(ns + "readme"));
            var repository = meta.Element(ns + "repository");
            Assert.Equal("https://github.com/specwright-sdk/specwright", (string?)repository?.Attribute("url"));
            Assert.Matches("^[0-9a-f]{40}$", (string?)repository?.Attribute("commit") ?? "");
            var symbols = Assert.Single(Directory.GetFiles(output, "*.snupkg"));
            using (var symbolZip = ZipFile.OpenRead(symbols))
                Assert.Contains(symbolZip.Entries, e => e.FullName == $"lib/net10.0/{Path.ChangeExtension(dll, ".pdb")}");
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
            Assert.Contains(zip.Entries, e => e.FullName == $"lib/net10.0/{dll}");
            var docs = zip.Entries.Single(e => e.FullName == $"lib/net10.0/{Path.ChangeExtension(dll, ".xml")}");
            using var reader = new StreamReader(docs.Open());
            var xml = await reader.ReadToEndAsync();
            if (service is not null)
                Assert.Contains(PlainSummary(service.SpecFile), xml); // the spec's words reach the docs
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
