using System.Net.Http.Headers;

namespace Specwright.Core.Http;

/// <summary>A success body with the response's status and headers: what a list operation that pages in its headers returns.</summary>
public sealed class ApiResponse<T>(int statusCode, HttpResponseHeaders headers, T body)
{
    public int StatusCode { get; } = statusCode;
    public HttpResponseHeaders Headers { get; } = headers;
    public T Body { get; } = body;
}
