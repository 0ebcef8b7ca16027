using System.Text;
using System.Text.RegularExpressions;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// Every C# snippet of the READMEs compiles against the SDKs as built: each becomes the body of a method in a
/// scratch project that references the built assemblies. Names a snippet uses without declaring (a request,
/// an id, the host's <c>app</c> and <c>services</c>) are the method's parameters, declared once below.
/// </summary>
public sealed class ReadmeSnippetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("specwright-snippets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>What the snippets take as given.</summary>
    private const string Givens =
        "Specwright.WebScrape.ScrapeRequest request, string jobId, string url, Specwright.Ittybit.TaskDefinition ingestThenSpeechThenSummary, " +
        "Microsoft.AspNetCore.Builder.WebApplication app, Microsoft.Extensions.DependencyInjection.IServiceCollection services, " +
        "Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, string teamBKey";

    private const string Helpers = """
        static partial class Snippets
        {
            static Task Publish(Specwright.Ittybit.MediaTask task, CancellationToken ct) => Task.CompletedTask;
            static Task Save(string runId, CancellationToken ct) => Task.CompletedTask;
        }

        sealed class MyAuditHandler : DelegatingHandler;
        """;

    /// <summary>Core's namespaces and every library's own (a package's id is its root namespace).</summary>
    private static readonly string[] DefaultUsings =
    [
        "using Specwright.Core.Http;", "using Specwright.Core.Paging;", "using Specwright.Core.Polling;",
        .. SourcePackages.Libraries().Select(p => $"using {p};"),
    ];

    /// <summary>The root README and every library's package README.</summary>
    private static readonly string[] Readmes =
    [
        "README.md",
        .. SourcePackages.Libraries().Select(p => $"src/{p}/README.md").Where(r => File.Exists(Path.Combine(RepoPaths.Root, r))),
    ];

    [Fact]
    public async Task Every_csharp_snippet_of_the_readmes_compiles()
    {
        var snippets = Readmes.SelectMany(r => Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, r)), @"```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select((m, i) => (Where: $"{r} #{i + 1}", Code: m.Groups[1].Value))).ToList();
        Assert.True(snippets.Count >= 8, $"only {snippets.Count} snippets found");

        // One file per snippet: its own usings (a snippet without any gets every SDK namespace), so two snippets'
        // namespaces never meet.
        for (var i = 0; i < snippets.Count; i++)
        {
            var (where, code) = snippets[i];
            var lines = code.Split('\n');
            static bool IsUsing(string l) => l.StartsWith("using ", StringComparison.Ordinal) && !l.Contains('(');
            var usings = lines.Where(IsUsing).ToList();
            if (usings.Count == 0) usings = [.. DefaultUsings];
            var file = new StringBuilder();
            foreach (var u in usings) file.AppendLine(u.Trim());
            file.AppendLine($"// {where}");
            file.AppendLine("static partial class Snippets");
            file.AppendLine("{");
            file.AppendLine($"    static async Task Snippet{i}({Givens})");
            file.AppendLine("    {");
            foreach (var line in lines.Where(l => !IsUsing(l))) file.AppendLine("        " + line);
            file.AppendLine("        await Task.CompletedTask;");
            file.AppendLine("    }");
            file.AppendLine("}");
            await File.WriteAllTextAsync(Path.Combine(_dir, $"Snippet{i}.cs"), file.ToString());
        }
        await File.WriteAllTextAsync(Path.Combine(_dir, "Program.cs"), "Console.WriteLine(\"compiled\");\n\n" + Helpers + "\n");
        // The libraries, and the third-party assemblies their public surface shows (Specwright.Redis takes a StackExchange.Redis connection).
        var references = string.Concat(SourcePackages.Libraries().Concat(["StackExchange.Redis"])
            .Select(a => $"    <Reference Include=\"{Path.Combine(AppContext.BaseDirectory, a + ".dll")}\" />\n"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "Snippets.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <!-- Snippets show calls, not complete programs: unused locals and awaited-nothing are fine here. -->
                <NoWarn>CS0168;CS0219;CS1998;CS8321</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);

        // The build's errors are on its standard output: keep them for the failure message.
        var output = await ProcessRunner.RunAsync("bash", "-c", $"dotnet build '{_dir}' -nologo -v:q 2>&1; echo \"exit=$?\"");

        Assert.True(output.TrimEnd().EndsWith("exit=0", StringComparison.Ordinal), $"README snippets do not compile:\n{output}");
    }
}
