namespace Specwright.Core.Http;

/// <summary>
/// The end of the pipeline when the caller brings their own HttpClient. The first attempt sends the
/// message itself; a retry sends a fresh copy (an HttpClient refuses to send one message twice),
/// reusing the content. Headers the client added to the first (its defaults) are not copied twice:
/// HttpClient adds a default header only when the message lacks it.
/// </summary>
public sealed class ForwardingHandler(HttpClient client) : HttpMessageHandler
{
    private static readonly HttpRequestOptionsKey<object> Sent = new("Specwright.ForwardingHandler.Sent");
    private static readonly object Yes = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        KeepCallersUserAgent(request);
        if (!request.Options.TryGetValue(Sent, out _))
        {
            request.Options.Set(Sent, Yes);
            return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        foreach (var option in request.Options) ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        return client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    // HttpClient adds a default header only to a message that lacks it, and ours already carries the SDK's
    // User-Agent: put the caller's default in front, as it would have been.
    private void KeepCallersUserAgent(HttpRequestMessage request)
    {
        if (!client.DefaultRequestHeaders.NonValidated.TryGetValues("User-Agent", out var callers)
            || !request.Headers.NonValidated.TryGetValues("User-Agent", out var ours)) return;
        string theirs = callers.ToString(), mine = ours.ToString();
        if (mine.StartsWith(theirs, StringComparison.Ordinal)) return;
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", theirs + " " + mine);
    }
}
