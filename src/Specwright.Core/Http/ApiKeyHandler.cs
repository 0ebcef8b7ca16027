namespace Specwright.Core.Http;

/// <summary>
/// Adds the API key header, only to requests for the configured API host: a redirect to another host
/// never carries the key. Sits inside the redirect handler so every hop is checked.
/// </summary>
public sealed class ApiKeyHandler : DelegatingHandler
{
    private readonly string _headerName;
    private readonly string _headerValue;
    private readonly Uri _apiBase;

    /// <summary>Sends <c>headerName: [scheme ]apiKey</c> (e.g. <c>X-API-Key</c>, or <c>Authorization</c> with <c>Bearer</c>) to hosts of <c>apiBase</c>.</summary>
    public ApiKeyHandler(string headerName, string? scheme, string apiKey, Uri apiBase)
    {
        _headerName = headerName;
        _headerValue = scheme is null ? apiKey : $"{scheme} {apiKey}";
        _apiBase = apiBase;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(_headerName);
        if (request.RequestUri is { } uri && Uri.Compare(uri, _apiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            request.Headers.TryAddWithoutValidation(_headerName, _headerValue);
        return base.SendAsync(request, cancellationToken);
    }

    public override string ToString() => $"ApiKeyHandler({_headerName}: ***)";
}
