using System.Reflection;
using Specwright.TestSupport;

namespace Specwright.Packaging.Tests;

/// <summary>
/// The committed listings in api/ must match the built assemblies, so every change of the public surface
/// (a spec edit included) shows as a diff in review. Run `make api` to rewrite them after a deliberate change.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Packages => new(SourcePackages.Libraries());

    [Theory]
    [MemberData(nameof(Packages))]
    public void The_public_api_matches_its_committed_listing(string package)
    {
        var assembly = Assembly.Load(package);
        var actual = PublicApiListing.For(assembly);
        var path = Path.Combine(RepoPaths.Root, "api", package + ".txt");
        if (Environment.GetEnvironmentVariable("SPECWRIGHT_UPDATE_API") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"api/{package}.txt is missing: run `make api` and commit it.");
        var expected = File.ReadAllText(path);
        if (expected == actual) return;
        var diff = Diff(expected.Split('\n'), actual.Split('\n'));
        Assert.Fail($"The public API of {package} changed without api/{package}.txt being updated (run `make api`, review and commit):\n{diff}");
    }

    [Fact]
    public void The_listing_shows_members_signatures_and_constants()
    {
        var listing = PublicApiListing.For(typeof(WebScrape.WebScrapeClient).Assembly);
        Assert.Contains("class Specwright.WebScrape.WebScrapeClient : Specwright.Core.Http.IOperationClient, System.IDisposable", listing);
        Assert.Contains("  virtual System.Threading.Tasks.Task<Specwright.Core.Http.ApiResponse<Specwright.WebScrape.ScrapeData>> ScrapeAsync(Specwright.WebScrape.ScrapeRequest body, System.Threading.CancellationToken cancellationToken = null)", listing);
        Assert.Contains("  const System.Int32 CreditCost = 5", listing);
        Assert.DoesNotContain("WebScrapeApi ", listing); // the generated transport client is internal
    }

    private static string Diff(string[] expected, string[] actual)
    {
        var removed = expected.Except(actual).Select(l => "- " + l);
        var added = actual.Except(expected).Select(l => "+ " + l);
        return string.Join("\n", removed.Concat(added).Take(60));
    }
}
