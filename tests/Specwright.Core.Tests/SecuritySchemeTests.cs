using System.Text;
using Specwright.Core.Auth;
using Specwright.Core.Errors;
using Specwright.Core.Http;
using Specwright.Core.Options;
using Specwright.TestSupport;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

/// <summary>
/// A spec with several security schemes: each operation sends the first of its ways whose credentials are all configured, and
/// only those; a retried attempt carries each once; a missing or malformed credential is named, and never shown.
/// </summary>
public sealed class SecuritySchemeTests
{
    private static readonly CredentialScheme Signature = new("signature", CredentialLocation.Query, "sig", null, "Signature", "SPECWRIGHT_TEST_SIGNATURE");
    private static readonly CredentialScheme Otp = new("otp", CredentialLocation.Header, "X-Otp", null, "Otp", "SPECWRIGHT_TEST_OTP");
    private static readonly CredentialScheme Operator = new("operator", CredentialLocation.Header, "Authorization", "Basic", "Operator", "SPECWRIGHT_TEST_OPERATOR");

    private static readonly IReadOnlyDictionary<string, OperationInfo> Operations = new Dictionary<string, OperationInfo>
    {
        ["export"] = new("export") { Method = "GET", Path = "/exports", RetryableStatuses = [503], Security = [["signature"]] },
        ["rotate"] = new("rotate") { Method = "POST", Path = "/keys", Security = [["operator"], ["main", "otp"]] },
    };

    private sealed class Options : SpecwrightClientOptions;

    private static (HttpMessageInvoker Pipeline, ApiTransport Transport) Create(FakeHttp http, string? signature, string? otp, string? @operator,
        Action<Options>? configure = null)
    {
        var options = new Options { ApiKey = "main-key", BaseUrl = new Uri("https://api.test.example/v1"), TimeProvider = new TestClock() };
        configure?.Invoke(options);
        var resolved = options.Resolve("Test", "SPECWRIGHT_TEST_API_KEY", null, null, 2, true, "main",
            [new(Signature, signature), new(Otp, otp), new(Operator, @operator)]);
        var pipeline = resolved.CreatePipeline("Specwright.Test", "1.0.0", "Authorization", "Bearer", TestService.Rules, http.CreateClient());
        var decoder = new SpecErrorDecoder(new ErrorShape { Code = ["error", "code"], Message = ["error", "message"] }, e => new TestServiceException(e), (_, _) => null);
        return (pipeline, new ApiTransport(pipeline, resolved.BaseUrl, TestServiceJson.Default, decoder, "Test", resolved.TimeProvider, Operations));
    }

    [Fact]
    public async Task A_retried_attempt_carries_the_query_credential_once_and_not_the_api_key()
    {
        var http = new FakeHttp().ThenJson(503, TestService.ErrorBody).ThenJson(200, TestService.ThingJson);
        var (pipeline, transport) = Create(http, "s/g=", null, null);
        using (pipeline)
            await transport.SendWithHeadersAsync<Thing>("export", new HttpRequestMessage(HttpMethod.Get, new Uri("exports?format=csv", UriKind.Relative)), CancellationToken.None);

        Assert.Equal(2, http.Requests.Count);
        Assert.All(http.Requests, r =>
        {
            Assert.Equal("?format=csv&sig=s%2Fg%3D", r.Uri.Query);
            Assert.False(r.Headers.ContainsKey("Authorization"));
        });
    }

    [Fact]
    public async Task The_first_way_with_every_credential_wins_and_a_way_may_join_the_api_key_to_another_scheme()
    {
        var both = new FakeHttp().ThenJson(200, TestService.ThingJson);
        var (pipeline, transport) = Create(both, null, "123456", "ops:pw");
        using (pipeline) await Rotate(transport);
        var keyAndOtp = new FakeHttp().ThenJson(200, TestService.ThingJson);
        (pipeline, transport) = Create(keyAndOtp, null, "123456", null);
        using (pipeline) await Rotate(transport);

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:pw")), both.Requests[0].Headers["Authorization"]);
        Assert.False(both.Requests[0].Headers.ContainsKey("X-Otp"));
        Assert.Equal("Bearer main-key", keyAndOtp.Requests[0].Headers["Authorization"]);
        Assert.Equal("123456", keyAndOtp.Requests[0].Headers["X-Otp"]);
    }

    [Fact]
    public async Task A_token_in_a_way_is_refreshed_once_after_a_401_and_the_other_scheme_sent_again()
    {
        var endpoint = new FakeHttp()
            .ThenJson(200, """{"access_token":"old","token_type":"Bearer","expires_in":3600}""")
            .ThenJson(200, """{"access_token":"new","token_type":"Bearer","expires_in":3600}""");
        using var provider = new ClientCredentialsTokenProvider(new Uri("https://auth.test.example/token"), "client-1", "s3cret", http: new HttpMessageInvoker(endpoint));
        var api = new FakeHttp().ThenJson(401, TestService.ErrorBody).ThenJson(200, TestService.ThingJson);
        var (pipeline, transport) = Create(api, null, "123456", null, o => { o.ApiKey = null; o.TokenProvider = provider; });
        using (pipeline) await Rotate(transport);

        Assert.Equal(["Bearer old", "Bearer new"], api.Requests.Select(r => r.Headers["Authorization"]));
        Assert.All(api.Requests, r => Assert.Equal("123456", r.Headers["X-Otp"]));
    }

    [Fact]
    public async Task A_missing_credential_is_named_with_its_option_and_variable_before_anything_is_sent()
    {
        var http = new FakeHttp();
        var (pipeline, transport) = Create(http, null, null, null, o => o.ApiKey = null);
        using (pipeline)
        {
            var e = await Assert.ThrowsAsync<ConfigurationException>(() => Rotate(transport));
            Assert.Equal("Operation 'rotate' needs credentials that are not configured: operator (Options.Operator or the SPECWRIGHT_TEST_OPERATOR environment variable), "
                + "or main (Options.ApiKey or the SPECWRIGHT_TEST_API_KEY environment variable) and otp (Options.Otp or the SPECWRIGHT_TEST_OTP environment variable).", e.Message);
        }
        Assert.Empty(http.Requests);
    }

    [Fact]
    public void A_blank_or_malformed_credential_is_refused_by_name_without_showing_it()
    {
        var blank = Assert.Throws<ConfigurationException>(() => Create(new FakeHttp(), " ", null, null));
        var spaced = Assert.Throws<ConfigurationException>(() => Create(new FakeHttp(), null, "12 34", null));

        Assert.Equal("Options.Signature is blank; leave it null or set the signature credential.", blank.Message);
        Assert.Equal("The otp credential contains whitespace or control characters; check Options.Otp or the SPECWRIGHT_TEST_OTP environment variable.", spaced.Message);
    }

    private static Task<ApiResponse<Thing>> Rotate(ApiTransport transport) =>
        transport.SendWithHeadersAsync<Thing>("rotate", new HttpRequestMessage(HttpMethod.Post, new Uri("keys", UriKind.Relative)), CancellationToken.None);
}
