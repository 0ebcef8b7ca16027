using System.Net;
using System.Text;
using Specwright.Core.Auth;
using Specwright.Core.Errors;
using Specwright.TestSupport;

namespace Specwright.Core.Tests;

/// <summary>OAuth2 client credentials: a token fetched once, reused, refreshed before it expires and after a 401; secrets never shown.</summary>
public sealed class TokenProviderTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static FakeHttp TokenEndpoint(params string[] tokens)
    {
        var http = new FakeHttp();
        foreach (var token in tokens) http.ThenJson(200, $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":3600}""");
        return http;
    }

    [Fact]
    public async Task A_token_is_fetched_once_with_basic_client_auth_reused_and_refreshed_a_minute_before_it_expires()
    {
        var clock = new ManualClock();
        var endpoint = TokenEndpoint("t1", "t2");
        using var provider = new ClientCredentialsTokenProvider(new Uri("https://auth.test.example/token"), "client-1", "s3cret", ["read", "write"],
            new HttpMessageInvoker(endpoint), clock);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => provider.GetTokenAsync(false, CancellationToken.None).AsTask()));
        clock.Now += TimeSpan.FromMinutes(58);
        var stillFirst = await provider.GetTokenAsync(false, CancellationToken.None);
        clock.Now += TimeSpan.FromMinutes(1.5);
        var second = await provider.GetTokenAsync(false, CancellationToken.None);

        Assert.All(tokens, t => Assert.Equal("t1", t));
        Assert.Equal("t1", stillFirst);
        Assert.Equal("t2", second);
        Assert.Equal(2, endpoint.Requests.Count);
        var first = endpoint.Requests[0];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-1:s3cret")), first.Headers["Authorization"]);
        Assert.Equal("grant_type=client_credentials&scope=read+write", first.Body);
        Assert.DoesNotContain("s3cret", provider.ToString());
    }

    [Fact]
    public async Task Every_call_carries_the_token_and_a_401_gets_a_new_one_and_is_sent_once_more()
    {
        var endpoint = TokenEndpoint("old", "new");
        var api = new FakeHttp().ThenJson(200, """{"id":"a"}""").ThenJson(401, TestService.ErrorBody).ThenJson(200, """{"id":"b"}""");
        using var provider = new ClientCredentialsTokenProvider(new Uri("https://auth.test.example/token"), "client-1", "s3cret", http: new HttpMessageInvoker(endpoint));
        using var service = TestService.Create(api, configure: o => { o.ApiKey = null; o.TokenProvider = provider; });

        await service.GetThingAsync("a");
        var second = await service.GetThingAsync("b");

        Assert.Equal(200, second.StatusCode);
        Assert.Equal(["Bearer old", "Bearer old", "Bearer new"], api.Requests.Select(r => r.Headers["Authorization"]));
        Assert.DoesNotContain(api.Requests, r => r.Headers.ContainsKey("X-API-Key"));
    }

    [Fact]
    public async Task A_refused_client_is_a_configuration_error_naming_the_client_and_the_reason_never_the_secret()
    {
        var endpoint = new FakeHttp().ThenJson(401, """{"error":"invalid_client","error_description":"unknown client"}""");
        using var provider = new ClientCredentialsTokenProvider(new Uri("https://auth.test.example/token"), "client-1", "s3cret", http: new HttpMessageInvoker(endpoint));

        var e = await Assert.ThrowsAsync<ConfigurationException>(() => provider.GetTokenAsync(false, CancellationToken.None).AsTask());

        Assert.Contains("client-1", e.Message);
        Assert.Contains("invalid_client: unknown client", e.Message);
        Assert.DoesNotContain("s3cret", e.Message);
    }
}
