using System.Reflection;
using System.Text.RegularExpressions;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// The READMEs state only what is true: every SDK-shaped name they put in code (`OperationFailedException&lt;SmartBrowseRun&gt;`,
/// `WebScrapeClientOptions`, `SubmitAndWaitAsync`) exists in the public API listings (api/), or is a public name of the sandbox
/// or the framework and libraries the SDK builds on. A type renamed or removed fails here until the README follows.
/// </summary>
public sealed partial class ReadmeNamesTests
{
    /// <summary>The name endings that make a word a claim about an API (the prose also names MSBuild properties, packages and ids).</summary>
    [GeneratedRegex("(Exception|Client|ClientOptions|Options|Request|Response|Async|Handler|Provider|Store|Operation|Pageable|Schedule|Content|Stream)$")]
    private static partial Regex ApiShaped();

    /// <summary>A code span that is a type or member (`A.B&lt;C&gt;.D(…)`), not a command, path or header.</summary>
    [GeneratedRegex(@"^(new )?[A-Z]\w*(<[\w<>, ?]+>)?(\.[A-Z]\w*(<[\w<>, ?]+>)?)*(\([^)]*\))?;?$")]
    private static partial Regex TypeOrMember();

    /// <summary>Names the prose uses as placeholders or for something not ours or not built here, each said as such where it is used.</summary>
    private static readonly HashSet<string> NotOurs =
    [
        "VerbAsync", "VerbAndWaitAsync",                // "client.Resource.VerbAsync": the shape of every operation's method
        "AddStandardResilienceHandler",                 // Microsoft.Extensions.Http.Resilience's, which the SDK refuses beside its own
        "CreateCrawlRequest", "ListCrawlsResponse",     // the crawler example's types, generated after `make new-service`
    ];

    [Fact]
    public void Every_api_name_the_readmes_use_exists_in_the_listings_or_the_libraries_beneath()
    {
        var listed = Words(string.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "api"), "*.txt").Select(File.ReadAllText)));
        // The sandbox is an application packed for tests (no listing); the framework's and Kiota's names are what the SDK builds on.
        foreach (var assembly in new[] { typeof(Specwright.Sandbox.SandboxServer).Assembly, typeof(object).Assembly, typeof(HttpClient).Assembly,
                     typeof(Microsoft.Kiota.Http.HttpClientLibrary.HttpClientRequestAdapter).Assembly, typeof(ContractCheckingHandler).Assembly })
            foreach (var type in assembly.GetExportedTypes())
            {
                listed.Add(type.Name.Split('`')[0]);
                foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)) listed.Add(member.Name);
            }

        var readmes = Directory.GetFiles(Path.Combine(RepoPaths.Root, "src"), "README.md", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Prepend(Path.Combine(RepoPaths.Root, "README.md"));
        var missing = new List<string>();
        foreach (var readme in readmes)
        {
            var prose = Regex.Replace(File.ReadAllText(readme), "```.*?```", "", RegexOptions.Singleline); // the code blocks compile (ReadmeSnippetTests)
            foreach (Match span in Regex.Matches(prose, "`([^`\n]+)`"))
            {
                var code = span.Groups[1].Value;
                if (!TypeOrMember().IsMatch(code)) continue;
                foreach (Match word in Regex.Matches(Regex.Replace(code, @"\([^)]*\)", ""), "[A-Z][A-Za-z0-9]*"))
                    if (ApiShaped().IsMatch(word.Value) && !listed.Contains(word.Value) && !NotOurs.Contains(word.Value))
                        missing.Add($"{Path.GetRelativePath(RepoPaths.Root, readme)}: {word.Value} (in `{code}`)");
            }
        }

        Assert.True(missing.Count == 0, "names no package has:\n" + string.Join("\n", missing.Distinct()));
    }

    private static HashSet<string> Words(string text) => Regex.Matches(text, "[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
}
