using System.Net;
using System.Text;

namespace Specwright.TestSupport;

/// <summary>What the fake server saw of one request (headers and body as sent on the wire).</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, Dictionary<string, string> Headers, string? ContentType, string? Body);

/// <summary>
/// An in-memory HTTP server for unit tests: answers each request with the next scripted responder
/// (the last one repeats) and records every request.
/// </summary>
public sealed class FakeHttp : HttpMessageHandler
{
    private readonly List<Func<HttpRequestMessage, HttpResponseMessage>> _script = [];
    private readonly List<RecordedRequest> _requests = [];
    private int _next;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    public FakeHttp Then(Func<HttpRequestMessage, HttpResponseMessage> responder)
    {
        _script.Add(responder);
        return this;
    }

    public FakeHttp ThenJson(int status, string json, Action<HttpResponseMessage>? configure = null) => Then(_ =>
    {
        var r = Json(status, json);
        configure?.Invoke(r);
        return r;
    });

    public FakeHttp ThenThrow(Exception e) => Then(_ => throw e);

    public static HttpResponseMessage Json(int status, string json) =>
        new((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public HttpClient CreateClient() => new(this);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Func<HttpRequestMessage, HttpResponseMessage> responder;
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body));
            if (_script.Count == 0) throw new InvalidOperationException("FakeHttp has no scripted response");
            responder = _script[Math.Min(_next++, _script.Count - 1)];
        }
        var response = responder(request);
        response.RequestMessage = request;
        return response;
    }
}
