using Specwright.Core.Errors;
using Specwright.Core.Internal;

namespace Specwright.Core.Http;

/// <summary>
/// Adds the API key header, only to requests for the configured API host: a redirect to another host
/// never carries the key. Sits inside the redirect handler so every hop is checked. Operations the spec
/// marks <c>security: []</c> (their <see cref="OperationInfo"/>) are sent without the key, and work when no key is configured at all.
/// </summary>
public sealed class ApiKeyHandler : DelegatingHandler
{
    private readonly string _headerName;
    private readonly string? _headerValue;
    private readonly Uri _apiBase;
    private readonly string _missingKeyMessage;
    private readonly string? _queryPair;

    /// <summary>
    /// Sends <c>headerName: [scheme ]apiKey</c> (e.g. <c>X-API-Key</c>, or <c>Authorization</c> with <c>Bearer</c>) to hosts of
    /// <c>apiBase</c>; with the <c>Basic</c> scheme the key is <c>user:password</c>, sent base64-encoded; a scheme ending in
    /// <c>=</c> (<c>session=</c>, with the <c>Cookie</c> header) is a cookie's name, sent as <c>session=key</c>.
    /// </summary>
    public ApiKeyHandler(string headerName, string? scheme, string apiKey, Uri apiBase)
        : this(headerName, scheme, apiKey, apiBase, "No API key is configured.") { }

    /// <summary>
    /// As above; operations whose <see cref="OperationInfo"/> says <c>RequiresApiKey = false</c> are sent without the
    /// key, and when <paramref name="apiKey"/> is null any other operation throws <see cref="ConfigurationException"/>
    /// with <paramref name="missingKeyMessage"/> before anything is sent. With <c>inQuery</c> the key is sent as
    /// the query parameter named <paramref name="headerName"/> (an <c>apiKey</c> scheme <c>in: query</c>).
    /// </summary>
    public ApiKeyHandler(string headerName, string? scheme, string? apiKey, Uri apiBase, string missingKeyMessage, bool inQuery = false)
    {
        if (inQuery && apiKey is not null) _queryPair = Uri.EscapeDataString(headerName) + "=" + Uri.EscapeDataString(apiKey);
        _headerName = headerName;
        _headerValue = apiKey is null ? null
            : scheme is null ? apiKey
            // HTTP basic: the key is `user:password`, sent base64-encoded as RFC 7617 says.
            : string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase) ? "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(apiKey))
            // A key in a cookie (`Cookie: session=<key>`): the scheme is the cookie's name and its '='.
            : scheme.EndsWith('=') ? scheme + apiKey
            : $"{scheme} {apiKey}";
        _apiBase = apiBase;
        _missingKeyMessage = missingKeyMessage;
    }

    /// <summary>
    /// When set, each request to the API host carries <c>Authorization: Bearer</c> with this provider's token instead of
    /// the key; a 401 asks it once for a new token and sends again (a body that can be sent twice only).
    /// </summary>
    public Auth.IAccessTokenProvider? TokenProvider { get; init; }

    /// <summary>A spec's other security schemes, for operations whose <see cref="OperationInfo.Security"/> names them.</summary>
    internal Auth.CredentialSet? Credentials { get; init; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Credentials is { } credentials && request.Options.TryGetValue(RequestOptionKeys.Operation, out var operation) && operation.Security is { } ways
            ? SendWithSchemesAsync(credentials, operation.Id, ways, request, cancellationToken)
            : TokenProvider is null ? SendWithKeyAsync(request, cancellationToken) : SendWithTokenAsync(TokenProvider, request, cancellationToken);

    /// <summary>An operation that names its schemes: the first way with every credential configured, else none where a way allows that.</summary>
    private async Task<HttpResponseMessage> SendWithSchemesAsync(Auth.CredentialSet credentials, string operationId, IReadOnlyList<IReadOnlyList<string>> ways,
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        credentials.Clear(request);
        if (_queryPair is null) request.Headers.Remove(_headerName);
        var way = credentials.Choose(ways, _headerValue is not null || TokenProvider is not null);
        if (way is null && !ways.Any(w => w.Count == 0)) throw new ConfigurationException(credentials.Missing(operationId, ways));
        var token = false;
        if (way is not null && request.RequestUri is { } uri && IsApiHost(uri))
            foreach (var scheme in way)
            {
                if (scheme != credentials.ApiKeyScheme) credentials.Apply(request, scheme);
                else if (TokenProvider is { } provider)
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await provider.GetTokenAsync(false, cancellationToken).ConfigureAwait(false));
                    token = true;
                }
                else AddKey(request, uri);
            }
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // As for the key alone: a 401 on a token asks the provider once for a new one (a body that can be sent twice only).
        if (!token || response.StatusCode != System.Net.HttpStatusCode.Unauthorized || request.Content is not (null or ByteArrayContent)) return response;
        response.Dispose();
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenProvider!.GetTokenAsync(true, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(Auth.IAccessTokenProvider provider, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var keyless = request.Options.TryGetValue(RequestOptionKeys.Operation, out var operation) && !operation.RequiresApiKey;
        request.Headers.Authorization = null;
        if (keyless || request.RequestUri is not { } uri || !IsApiHost(uri)) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await provider.GetTokenAsync(false, cancellationToken).ConfigureAwait(false));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || request.Content is not (null or ByteArrayContent)) return response;
        response.Dispose();
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await provider.GetTokenAsync(true, cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendWithKeyAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_queryPair is null && request.Headers.NonValidated.Contains(_headerName)) request.Headers.Remove(_headerName);
        var keyless = request.Options.TryGetValue(RequestOptionKeys.Operation, out var operation) && !operation.RequiresApiKey;
        if (!keyless)
        {
            if (_headerValue is null) throw new ConfigurationException(_missingKeyMessage);
            if (request.RequestUri is { } uri && IsApiHost(uri)) AddKey(request, uri);
        }
        return base.SendAsync(request, cancellationToken);
    }

    private void AddKey(HttpRequestMessage request, Uri uri)
    {
        if (_queryPair is null) request.Headers.TryAddWithoutValidation(_headerName, _headerValue);
        else request.RequestUri = new UriBuilder(uri) { Query = uri.Query.Length > 1 ? uri.Query[1..] + "&" + _queryPair : _queryPair }.Uri;
    }

    // Scheme, host and port compared as properties: Uri.Compare builds strings on every request.
    private bool IsApiHost(Uri uri) =>
        uri.Port == _apiBase.Port
        && string.Equals(uri.Scheme, _apiBase.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, _apiBase.IdnHost, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"ApiKeyHandler({_headerName}: ***)";
}
