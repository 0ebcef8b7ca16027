using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Specwright.Core.Errors;

namespace Specwright.Core.Auth;

/// <summary>
/// The OAuth2 client credentials flow (RFC 6749 §4.4): a token is fetched from the token URL, cached, and fetched again a
/// minute before it expires (or halfway through a shorter lifetime), once for all concurrent callers. The client
/// authenticates with HTTP basic (RFC 6749 §2.3.1), or in the form body when <see cref="CredentialsInBody"/> is set.
/// The secret and the token never appear in messages or <see cref="ToString"/>.
/// </summary>
public sealed class ClientCredentialsTokenProvider : IAccessTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly Uri _tokenUrl;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly string[] _scopes;
    private readonly HttpMessageInvoker _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _current;

    /// <param name="tokenUrl">The token endpoint (the spec's <c>flows.clientCredentials.tokenUrl</c>, in the generated <c>&lt;Service&gt;Spec.TokenUrl</c>).</param>
    /// <param name="clientId">The client's id.</param>
    /// <param name="clientSecret">The client's secret (never shown).</param>
    /// <param name="scopes">The scopes to ask for; none when null.</param>
    /// <param name="http">Sends the token requests; a new handler when null (disposed with this provider).</param>
    /// <param name="time">The clock that decides when a token is due for refresh.</param>
    public ClientCredentialsTokenProvider(Uri tokenUrl, string clientId, string clientSecret, IEnumerable<string>? scopes = null,
        HttpMessageInvoker? http = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        if (!tokenUrl.IsAbsoluteUri || tokenUrl.Scheme is not ("http" or "https"))
            throw new ConfigurationException($"ClientCredentialsTokenProvider: tokenUrl must be an absolute http(s) URL, got '{tokenUrl}'.");
        if (string.IsNullOrWhiteSpace(clientId)) throw new ConfigurationException("ClientCredentialsTokenProvider: clientId is required.");
        if (string.IsNullOrEmpty(clientSecret)) throw new ConfigurationException("ClientCredentialsTokenProvider: clientSecret is required.");
        _tokenUrl = tokenUrl;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _scopes = scopes?.ToArray() ?? [];
        _ownsHttp = http is null;
        _http = http ?? new HttpMessageInvoker(new SocketsHttpHandler());
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Send client id and secret as form fields (<c>client_secret_post</c>) instead of HTTP basic.</summary>
    public bool CredentialsInBody { get; init; }

    public async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh && _current is { } fresh && _time.GetUtcNow() < fresh.RefreshAt) return fresh.Token;
        var seen = _current;
        await _fetching.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller fetched while this one waited: its token is new.
            if (_current is { } now && !ReferenceEquals(now.Token, seen?.Token) && _time.GetUtcNow() < now.RefreshAt) return now.Token;
            _current = await FetchAsync(cancellationToken).ConfigureAwait(false);
            return _current.Value.Token;
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task<(string, DateTimeOffset)> FetchAsync(CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (_scopes.Length > 0) fields.Add(new("scope", string.Join(' ', _scopes)));
        using var request = new HttpRequestMessage(HttpMethod.Post, _tokenUrl);
        if (CredentialsInBody)
        {
            fields.Add(new("client_id", _clientId));
            fields.Add(new("client_secret", _clientSecret));
        }
        else
        {
            var pair = Uri.EscapeDataString(_clientId) + ":" + Uri.EscapeDataString(_clientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        request.Content = new FormUrlEncodedContent(fields);
        request.Headers.Accept.ParseAdd("application/json");
        var started = _time.GetUtcNow();
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new ConfigurationException($"The token endpoint {_tokenUrl} answered HTTP {(int)response.StatusCode} with a body that is not JSON.");
        }
        if (!response.IsSuccessStatusCode || json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String)
        {
            var error = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var e) ? e.ToString() : "no access_token";
            var description = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error_description", out var d) ? ": " + d : "";
            throw new ConfigurationException($"The token endpoint {_tokenUrl} refused client '{_clientId}' (HTTP {(int)response.StatusCode}, {error}{description}).");
        }
        var lifetime = json.TryGetProperty("expires_in", out var expires) && expires.TryGetDouble(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(5);
        var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
        return (token.GetString()!, started + lifetime - margin);
    }

    public override string ToString() => $"ClientCredentialsTokenProvider({_tokenUrl}, client {_clientId}, secret ***)";

    public void Dispose()
    {
        _fetching.Dispose();
        if (_ownsHttp) _http.Dispose();
    }
}
