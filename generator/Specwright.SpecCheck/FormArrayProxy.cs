using System.Net;
using System.Net.Sockets;

namespace Specwright.SpecCheck;

/// <summary>
/// Between the SDK and Prism for a form post Prism refuses only for its form-array defect (stoplightio/prism#2473: it reads
/// <c>Tags=a&amp;Tags=b</c>, OpenAPI's default for a form array, as one value). A key sent more than once is forwarded as
/// <c>Tags[]</c>, the spelling Prism reads as an array; everything else passes unchanged both ways, so Prism still checks
/// every other part of the SDK's request and the SDK reads Prism's own answer.
/// </summary>
internal sealed class FormArrayProxy : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _prism;
    private readonly Task _serving;

    public Uri BaseUrl { get; }

    public FormArrayProxy(Uri prism)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _prism = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = prism };
        _serving = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            await ForwardAsync(context);
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.RawUrl!.TrimStart('/'));
        var body = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
        var contentType = context.Request.ContentType;
        if (contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true) body = Bracketed(body);
        if (context.Request.HasEntityBody || body.Length > 0)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.Remove("Content-Type");
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            if (name is not ("Host" or "Content-Length" or "Content-Type" or "Connection" or "Transfer-Encoding"))
                request.Headers.TryAddWithoutValidation(name, context.Request.Headers.GetValues(name) ?? []);
        using var response = await _prism.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (name is not ("Content-Length" or "Transfer-Encoding" or "Connection" or "Keep-Alive"))
                foreach (var value in values) context.Response.Headers.Add(name, value);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    /// <summary><c>a=1&amp;t=x&amp;t=y</c> -> <c>a=1&amp;t[]=x&amp;t[]=y</c>: each repeated key in Prism's array spelling.</summary>
    private static string Bracketed(string form)
    {
        var pairs = form.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => (Key: p.Split('=')[0], Pair: p)).ToList();
        var repeated = pairs.GroupBy(p => p.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return string.Join('&', pairs.Select(p => repeated.Contains(p.Key) ? p.Key + "%5B%5D" + p.Pair[p.Key.Length..] : p.Pair));
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _prism.Dispose();
    }
}
