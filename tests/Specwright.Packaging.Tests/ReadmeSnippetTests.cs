using System.Text;
using System.Text.RegularExpressions;
using Specwright.Sandbox;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// Every C# snippet of the READMEs is a whole program, compiled exactly as printed (no prelude: its own using lines and
/// declarations; the SDK's implicit usings as a new project has them) with warnings as errors, each as its own project referencing
/// the SDK projects; those that are console programs then run against the sandbox, pointed there by the services'
/// environment variables as a user's app would be. ASP.NET Core programs (they serve until stopped) and the Redis one (it
/// needs a Redis server) are compiled only; the samples' tests run a web app.
/// </summary>
public sealed class ReadmeSnippetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specwright-snippets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The root README and every library's package README.</summary>
    private static readonly string[] Readmes =
    [
        "README.md",
        .. SourcePackages.Libraries().Select(p => $"src/{p}/README.md").Where(r => File.Exists(Path.Combine(RepoPaths.Root, r))),
    ];

    [Fact]
    public async Task Every_csharp_snippet_of_the_readmes_compiles_as_printed_and_the_console_ones_run_against_the_sandbox()
    {
        var snippets = Readmes.SelectMany(r => Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, r)), @"```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select((m, i) => (Where: $"{r} #{i + 1}", Code: m.Groups[1].Value))).ToList();
        Assert.True(snippets.Count >= 10, $"only {snippets.Count} snippets found");

        // Every library project, as a package reference would bring it: its own dependencies flow (StackExchange.Redis with Specwright.Redis).
        var references = string.Concat(SourcePackages.Libraries()
            .Select(p => $"    <ProjectReference Include=\"{Path.Combine(RepoPaths.Root, "src", p, p + ".csproj")}\" />\n"));
        var solution = new StringBuilder("<Solution>\n");
        for (var i = 0; i < snippets.Count; i++)
        {
            var project = Path.Combine(_dir, $"Snippet{i}");
            Directory.CreateDirectory(project);
            await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), snippets[i].Code);
            await File.WriteAllTextAsync(Path.Combine(project, $"Snippet{i}.csproj"), $"""
                <Project Sdk="{(IsWeb(snippets[i].Code) ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk")}">
                  <!-- {snippets[i].Where} -->
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <OutputType>Exe</OutputType>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                {references}  </ItemGroup>
                </Project>
                """);
            solution.Append($"  <Project Path=\"Snippet{i}/Snippet{i}.csproj\" />\n");
        }
        await File.WriteAllTextAsync(Path.Combine(_dir, "Snippets.slnx"), solution.Append("</Solution>\n").ToString());

        // The build's errors are on its standard output: keep them for the failure message, each naming its snippet's project.
        var output = await ProcessRunner.RunAsync("bash", "-c", $"dotnet build '{Path.Combine(_dir, "Snippets.slnx")}' -nologo -v:q 2>&1; echo \"exit=$?\"");
        Assert.True(output.TrimEnd().EndsWith("exit=0", StringComparison.Ordinal),
            $"README snippets do not compile as printed ({string.Join(", ", snippets.Select((s, i) => $"Snippet{i} = {s.Where}"))}):\n{output}");

        await using var sandbox = await SandboxServer.StartAsync(SandboxOptions.Fast());
        var env = new Dictionary<string, string>
        {
            ["WEBSCRAPE_API_KEY"] = SandboxOptions.DemoWebScrapeKey, ["WEBSCRAPE_BASE_URL"] = sandbox.WebScrapeBaseUrl.AbsoluteUri,
            ["SCRAPELLM_API_KEY"] = SandboxOptions.DemoScrapeLlmKey, ["SCRAPELLM_BASE_URL"] = sandbox.ScrapeLlmBaseUrl.AbsoluteUri,
            ["ITTYBIT_API_KEY"] = SandboxOptions.DemoIttybitKey, ["ITTYBIT_BASE_URL"] = sandbox.IttybitBaseUrl.AbsoluteUri,
        };
        var ran = 0;
        for (var i = 0; i < snippets.Count; i++)
        {
            if (IsWeb(snippets[i].Code) || snippets[i].Code.Contains("StackExchange.Redis", StringComparison.Ordinal)) continue;
            var (exit, stdout, stderr) = await ProcessRunner.RunUncheckedAsync("dotnet", [Path.Combine(_dir, $"Snippet{i}", "bin", "Debug", "net10.0", $"Snippet{i}.dll")], env);
            Assert.True(exit == 0, $"{snippets[i].Where} exited {exit} against the sandbox:\n{stdout}\n{stderr}");
            Assert.False(string.IsNullOrWhiteSpace(stdout), $"{snippets[i].Where} printed nothing");
            ran++;
        }
        Assert.True(ran >= 6, $"only {ran} console snippets ran");
    }

    private static bool IsWeb(string code) => code.Contains("WebApplication", StringComparison.Ordinal);
}
