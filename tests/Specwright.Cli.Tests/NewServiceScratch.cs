using Specwright.TestSupport;

namespace Specwright.Cli.Tests;

/// <summary>
/// A scratch copy of the repository with a plain spec (PlainSpecs/crawler.yaml: no x-specwright extension) scaffolded by
/// `make new-service NAME=Crawler` and the CLI built, which builds the new SDK and its sandbox module too. Built once for
/// every new-service test: the build of the whole repository is the costly part.
/// </summary>
public sealed class NewServiceScratch : IAsyncLifetime
{
    private readonly ScratchRepo _repo = new();

    public string Root => _repo.Root;

    public string PathOf(params string[] parts) => _repo.PathOf(parts);

    public string Spec => _repo.PathOf("openapi", "crawler.yaml");

    public static string PlainSpecs => Path.Combine(RepoPaths.Root, "tests", "Specwright.Cli.Tests", "PlainSpecs");

    /// <summary>What `make new-service` printed.</summary>
    public string Scaffold { get; private set; } = "";

    /// <summary>The new service's files right after scaffolding, before any build.</summary>
    public IReadOnlyList<string> ScaffoldedFiles { get; private set; } = [];

    public string Cli => _repo.PathOf("src", "Specwright.Cli", "bin", "Debug", "net10.0", "specwright.dll");

    public async Task InitializeAsync()
    {
        _repo.Copy("Directory.Build.props", "Directory.Build.targets", "eng", "NuGet.config", "Generated.sln", "Makefile", "redocly.yaml", "openapi", "generator", "src");
        // make docs' Redocly: the repository's pinned install, not a second npm ci.
        Directory.CreateSymbolicLink(_repo.PathOf("generator", "node_modules"), Path.Combine(RepoPaths.Root, "generator", "node_modules"));
        File.Copy(Path.Combine(PlainSpecs, "crawler.yaml"), Spec);
        Scaffold = await ProcessRunner.RunAsync("make", "-C", _repo.Root, "--no-print-directory", "new-service", "NAME=Crawler", "SPEC=openapi/crawler.yaml");
        ScaffoldedFiles = Directory.GetFiles(_repo.PathOf("src", "Specwright.Crawler")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        await ProcessRunner.RunAsync("dotnet", "build", _repo.PathOf("src", "Specwright.Cli"), "-nologo", "-v:q");
    }

    public Task DisposeAsync()
    {
        _repo.Dispose();
        return Task.CompletedTask;
    }
}
