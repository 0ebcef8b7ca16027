namespace Specwright.Core.Http;

/// <summary>
/// The end of the pipeline when the caller brings their own HttpClient: each attempt is sent through
/// it as a fresh message (an HttpClient refuses to send one message twice), reusing the content.
/// </summary>
public sealed class ForwardingHandler(HttpClient client) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        foreach (var option in request.Options) ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        return client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
