using System.Reflection;

namespace Specwright.WebScrape.Tests;

/// <summary>The generated public surface has names a user would pick.</summary>
public class GeneratedSurfaceTests
{
    // Less the marker types C# 14 compiles extension blocks to (<G>$…): named by the compiler, never by a user.
    private static readonly Type[] PublicTypes = typeof(WebScrapeJsonContext).Assembly.GetExportedTypes().Where(t => !t.Name.StartsWith('<')).ToArray();

    // The JSON context's members are named after BCL types (Int32, NullableInt32) by System.Text.Json.
    private static readonly Type[] ModelTypes = PublicTypes.Where(t => t != typeof(WebScrapeJsonContext)).ToArray();

    [Fact]
    public void No_generated_name_has_underscores_or_invented_names()
    {
        var bad = ModelTypes.Select(t => t.Name)
            .Concat(ModelTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)).Select(p => $"{p.DeclaringType!.Name}.{p.Name}"))
            .Where(n => n.Contains('_') || n.Contains("Anonymous", StringComparison.Ordinal) || System.Text.RegularExpressions.Regex.IsMatch(n, @"[A-Za-z]\d+$"))
            .ToList();

        Assert.Empty(bad);
    }

    [Theory]
    [InlineData(typeof(SmartBrowseRun), "RunStatus")]
    [InlineData(typeof(SmartBrowseRun), "StartedAt")]
    [InlineData(typeof(SmartBrowseUsage), "RunsUsed30d")]
    [InlineData(typeof(ScrapeData), "StructuredData")]
    [InlineData(typeof(InsufficientCreditsException), "Balance")]
    [InlineData(typeof(RateLimitedException), "Reason")]
    [InlineData(typeof(AccountDeletionPendingException), "DeletionScheduledFor")]
    public void Snake_case_fields_become_pascal_case_members(Type type, string member) =>
        Assert.NotNull(type.GetProperty(member));

    [Fact]
    public void Timestamps_are_DateTimeOffset_and_optional_fields_are_nullable()
    {
        Assert.Equal(typeof(DateTimeOffset), typeof(SmartBrowseRun).GetProperty("CreatedAt")!.PropertyType);
        Assert.Equal(typeof(DateTimeOffset?), typeof(SmartBrowseRun).GetProperty("StartedAt")!.PropertyType);
        Assert.Equal(typeof(int?), typeof(ScrapeRequest).GetProperty("MaxAge")!.PropertyType);
        Assert.Equal(typeof(bool?), typeof(ScrapeRequest).GetProperty("Stealth")!.PropertyType);
    }

    [Fact]
    public void The_generated_client_is_internal_so_users_see_only_the_handwritten_facade() =>
        Assert.DoesNotContain(PublicTypes, t => t.Name == "WebScrapeApi");

    [Fact]
    public void Spec_facts_are_generated_from_the_spec_file()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", "webscrape.yaml");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

        Assert.Equal(WebScrapeSpec.Sha256, hash);
        Assert.Equal("1.0", WebScrapeSpec.Version);
        Assert.Equal(1, WebScrapeSpec.Operations.Scrape.CreditCost);
        Assert.Equal(2, WebScrapeSpec.Operations.Scrape.StealthSurcharge);
        Assert.Equal(5, WebScrapeSpec.Operations.Smartscraper.StealthSurcharge);
        Assert.Equal(2, WebScrapeSpec.Operations.DispatchSmartBrowseRun.CreditsRequiredUpFront);
        Assert.Equal(TimeSpan.FromSeconds(10), WebScrapeSpec.Operations.GetSmartBrowseRun.Polling.MaxInterval);
        Assert.Equal([429, 500, 502, 503], WebScrapeSpec.Retry.RetryableStatuses);
    }

    [Fact]
    public void Every_error_code_of_the_spec_has_its_own_exception_type()
    {
        foreach (var code in WebScrapeErrorFactory.KnownCodes)
        {
            var e = WebScrapeErrorFactory.Create(new Core.Errors.ApiErrorInfo { StatusCode = 400, ErrorCode = code });
            Assert.NotEqual(typeof(WebScrapeApiException), e.GetType());
            Assert.EndsWith("Exception", e.GetType().Name);
        }
        Assert.Equal(12, WebScrapeErrorFactory.KnownCodes.Count);
        Assert.Equal(typeof(WebScrapeApiException), WebScrapeErrorFactory.Create(new Core.Errors.ApiErrorInfo { StatusCode = 418, ErrorCode = "teapot" }).GetType());
    }
}
