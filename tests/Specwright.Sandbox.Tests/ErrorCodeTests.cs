using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Specwright.Core.Errors;
using Specwright.Sandbox.Faults;
using Specwright.WebScrape;

namespace Specwright.Sandbox.Tests;

/// <summary>Every documented error code, reached the way a user would reach it, typed by the SDK.</summary>
public sealed class ErrorCodeTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static ScrapeRequest Example() => new() { WebsiteUrl = new Uri("https://example.com") };

    [Fact]
    public async Task A_missing_key_gets_401_with_the_vendors_bare_body_and_a_request_id_header()
    {
        using var raw = sandbox.Raw();
        using var response = await raw.PostAsync("scrape", new StringContent("""{"website_url":"https://example.com"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("missing or invalid credentials", (string)body["error"]!);
        Assert.StartsWith("req_", response.Headers.GetValues("X-Request-ID").Single());
    }

    [Theory]
    [InlineData("wsg_live_short", "malformed API key")]
    [InlineData("sk_live_sandbox0000000000000000000000000", "malformed API key")]
    [InlineData("wsg_live_unknown0000000000000000000000000", "invalid API key")]
    public async Task Malformed_and_unknown_keys_get_unauthorized(string key, string message)
    {
        using var client = sandbox.Client(key);
        var e = await Assert.ThrowsAsync<UnauthorizedException>(() => client.ScrapeAsync(Example()));
        Assert.Equal(401, e.StatusCode);
        Assert.StartsWith(message, e.ErrorMessage);
        Assert.DoesNotContain(key, e.ToString());
    }

    [Fact]
    public void An_account_never_shows_its_key()
    {
        var key = sandbox.NewKey();
        var shown = sandbox.State.Accounts.Find(key)!.ToString();
        Assert.DoesNotContain(key, shown);
        Assert.Contains(key[^4..], shown);
    }

    [Fact]
    public async Task The_demo_key_works_with_its_documented_starting_balance()
    {
        var balance = sandbox.State.Accounts.Find(SandboxOptions.DemoWebScrapeKey)!.Balance;
        using var client = sandbox.Client(SandboxOptions.DemoWebScrapeKey);
        var usage = await client.SmartBrowse.GetUsageAsync();
        Assert.Equal(balance, usage.CreditsRemaining);
        Assert.Equal(500, new SandboxOptions().DemoCredits);
    }

    [Fact]
    public async Task Insufficient_credits_carries_balance_and_required_and_charges_nothing()
    {
        var key = sandbox.NewKey(credits: 3);
        using var client = sandbox.Client(key);
        var e = await Assert.ThrowsAsync<InsufficientCreditsException>(() =>
            client.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = new Uri("https://example.com"), UserPrompt = "x" }));
        Assert.Equal((402, 3, 5), (e.StatusCode, e.Balance, e.Required));
        Assert.Equal(3, sandbox.State.Accounts.Find(key)!.Balance);

        var stealth = await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com"), Stealth = true });
        Assert.Equal((3, 0), (stealth.CreditsUsed, stealth.CreditsRemaining));
        var empty = await Assert.ThrowsAsync<InsufficientCreditsException>(() => client.ScrapeAsync(Example()));
        Assert.Equal((0, 1), (empty.Balance, empty.Required));
    }

    [Fact]
    public async Task Dispatch_needs_two_credits_up_front()
    {
        using var client = sandbox.Client(sandbox.NewKey(credits: 1));
        var e = await Assert.ThrowsAsync<InsufficientCreditsException>(() => client.SmartBrowse.RunAsync("m3Yc2tFvN8q"));
        Assert.Equal((1, WebScrapeSpec.Operations.DispatchSmartBrowseRun.CreditsRequiredUpFront), (e.Balance, e.Required));
    }

    [Fact]
    public async Task Account_flags_give_email_verification_forbidden_and_deletion_pending()
    {
        using var unverified = sandbox.Client(sandbox.NewKey(setup: a => a.EmailVerified = false));
        Assert.Equal(402, (await Assert.ThrowsAsync<EmailVerificationRequiredException>(() => unverified.ScrapeAsync(Example()))).StatusCode);

        using var readOnly = sandbox.Client(sandbox.NewKey(setup: a => a.ReadOnly = true));
        Assert.Equal(403, (await Assert.ThrowsAsync<ForbiddenException>(() => readOnly.ScrapeAsync(Example()))).StatusCode);
        await readOnly.SmartBrowse.GetUsageAsync(); // reading stays allowed

        var when = new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero);
        using var leaving = sandbox.Client(sandbox.NewKey(setup: a => a.DeletionScheduledFor = when));
        var e = await Assert.ThrowsAsync<AccountDeletionPendingException>(() => leaving.ScrapeAsync(Example()));
        Assert.Equal((409, when), (e.StatusCode, e.DeletionScheduledFor!.Value));
    }

    [Fact]
    public async Task Unknown_recipes_and_runs_and_other_accounts_runs_are_not_found()
    {
        using var mine = sandbox.Client(sandbox.NewKey());
        using var theirs = sandbox.Client(sandbox.NewKey());
        Assert.Equal("recipe not found", (await Assert.ThrowsAsync<NotFoundException>(() => mine.SmartBrowse.RunAsync("nope0000000"))).ErrorMessage);
        Assert.Equal(404, (await Assert.ThrowsAsync<NotFoundException>(() => mine.SmartBrowse.GetRunAsync("nope0000000"))).StatusCode);
        var run = await theirs.SmartBrowse.RunAsync("m3Yc2tFvN8q");
        await Assert.ThrowsAsync<NotFoundException>(() => mine.SmartBrowse.GetRunAsync(run.Value.RunId));
    }

    [Theory]
    [InlineData("conflict", 409)]
    [InlineData("internal_error", 500)]
    [InlineData("service_unavailable", 502)]
    [InlineData("validation_failed", 422)]
    public async Task Injected_error_codes_come_with_the_status_the_spec_documents(string code, int status)
    {
        var key = sandbox.NewKey();
        sandbox.State.Faults.Arm(new FaultRule { Kind = "error", Code = code, Operation = "smartscraper" });
        using var client = sandbox.Client(key, maxRetries: 0);
        var e = await Assert.ThrowsAnyAsync<WebScrapeApiException>(() =>
            client.SmartScraperAsync(new SmartScraperRequest { WebsiteUrl = new Uri("https://example.com"), UserPrompt = "x" }));
        Assert.Equal((code, status), (e.ErrorCode, e.StatusCode));
        Assert.IsType(WebScrapeErrorFactory.Create(new ApiErrorInfo { StatusCode = status, ErrorCode = code, ErrorMessage = "" }).GetType(), e);
        Assert.Equal(500, sandbox.State.Accounts.Find(key)!.Balance);
    }
}
