using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// Packages made as `make pack` makes them (Release, ContinuousIntegrationBuild) can be debugged into: symbols in the .snupkg,
/// source paths mapped to /_/ (not the build machine's), Source Link to the repository at the commit, the generated sources
/// (not in git) embedded in the PDB, and a readme in every package, the CLI tool's included.
/// </summary>
public sealed class DebuggablePackageTests
{
    private const string RepositoryUrl = "https://github.com/specwright-sdk/specwright";

    [Theory]
    [InlineData("Specwright.WebScrape", "Specwright.WebScrape", "lib/net10.0/", "Specwright.WebScrape")]
    [InlineData("Specwright.Cli", "specwright", "tools/net10.0/any/", "specwright")]
    public async Task A_ci_pack_has_symbols_with_mapped_paths_source_link_and_embedded_generated_sources(string project, string packageId, string folder, string assembly)
    {
        var output = Directory.CreateTempSubdirectory("specwright-ci-pack-").FullName;
        try
        {
            await PackAsync(project, output);
            var nupkg = Directory.GetFiles(output, packageId + ".*.nupkg").Single(f => !f.EndsWith(".symbols.nupkg", StringComparison.Ordinal));
            using var package = ZipFile.OpenRead(nupkg);
            Assert.Contains(package.Entries, e => e.FullName == "README.md");
            var dll = Bytes(package, folder + assembly + ".dll");
            using var symbols = ZipFile.OpenRead(Path.ChangeExtension(nupkg, ".snupkg"));
            var pdb = Bytes(symbols, folder + assembly + ".pdb");

            using (var pe = new PEReader(new MemoryStream(dll)))
            {
                var codeView = pe.ReadCodeViewDebugDirectoryData(pe.ReadDebugDirectory().Single(d => d.Type == DebugDirectoryEntryType.CodeView));
                Assert.StartsWith("/_/", codeView.Path); // not /home/... or /tmp/...
            }

            using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
            var reader = provider.GetMetadataReader();
            var documents = reader.Documents.Select(h => (Handle: h, Name: reader.GetString(reader.GetDocument(h).Name))).ToList();
            Assert.NotEmpty(documents);
            Assert.All(documents, d => Assert.StartsWith("/_/", d.Name));

            var sourceLink = JsonDocument.Parse(CustomDebugInfo(reader, EntityHandle.ModuleDefinition, SourceLinkKind)!);
            var map = sourceLink.RootElement.GetProperty("documents").EnumerateObject().Single(p => p.Name == "/_/*").Value.GetString()!;
            Assert.Matches($"^{RepositoryUrl.Replace("https://github.com", "https://raw.githubusercontent.com")}/[0-9a-f]{{40}}/\\*$", map);

            // Sources in git are fetched through Source Link; those the build wrote (the generated client) travel in the PDB.
            var generated = documents.Where(d => d.Name.Contains("/obj/", StringComparison.Ordinal) && d.Name.EndsWith(".g.cs", StringComparison.Ordinal)).ToList();
            if (project == "Specwright.WebScrape")
            {
                Assert.Contains(generated, d => d.Name.EndsWith("/WebScrapeClient.g.cs", StringComparison.Ordinal));
                Assert.All(generated, d => Assert.NotNull(CustomDebugInfo(reader, d.Handle, EmbeddedSourceKind)));
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    private static byte[]? CustomDebugInfo(MetadataReader reader, EntityHandle parent, Guid kind)
    {
        foreach (var handle in reader.GetCustomDebugInformation(parent))
        {
            var info = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(info.Kind) == kind) return reader.GetBlobBytes(info.Value);
        }
        return null;
    }

    private static byte[] Bytes(ZipArchive zip, string entry)
    {
        var found = zip.Entries.SingleOrDefault(e => e.FullName == entry)
                    ?? throw new Xunit.Sdk.XunitException($"{entry} is not in the package; it has: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = found.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static async Task PackAsync(string project, string output)
    {
        var (exit, log, errors) = await ProcessRunner.RunUncheckedAsync("dotnet", ["pack", Path.Combine(RepoPaths.Root, "src", project), "-c", "Release", "-o", output,
            "-p:ContinuousIntegrationBuild=true", "-p:SpecwrightVersionSuffix=test.ci"]);
        Assert.True(exit == 0, $"dotnet pack {project} failed:\n{log}\n{errors}");
    }
}
