using System.Text;
using System.Text.Json;

namespace Specwright.Core.Http;

/// <summary>Builds the request of any operation from its facts, with arguments by wire name (the raw, untyped call).</summary>
internal static class OperationRequest
{
    public static HttpRequestMessage Build(OperationInfo operation, IReadOnlyDictionary<string, string>? arguments, JsonElement? body)
    {
        arguments ??= new Dictionary<string, string>();
        var known = operation.Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = arguments.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{operation.Id} has no parameter {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                                        (known.Count == 0 ? "it takes none." : $"it takes {string.Join(", ", operation.Parameters.Select(p => p.Name))}."), nameof(arguments));
        var missing = operation.Parameters.Where(p => p.Required && (!arguments.TryGetValue(p.Name, out var v) || string.IsNullOrWhiteSpace(v))).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"{operation.Id} needs {string.Join(", ", missing.Select(p => $"'{p.Name}'"))}.", nameof(arguments));
        if (body is not null && operation.Body is null)
            throw new ArgumentException($"{operation.Id} takes no request body.", nameof(body));
        if (body is null && operation.Body is { Required: true })
            throw new ArgumentException($"{operation.Id} needs a JSON request body.", nameof(body));

        var path = new StringBuilder(operation.Path.TrimStart('/'));
        var query = new StringBuilder();
        foreach (var p in operation.Parameters)
        {
            if (!arguments.TryGetValue(p.Name, out var value)) continue;
            switch (p.In)
            {
                case ParameterLocation.Path:
                    path.Replace("{" + p.Name + "}", Uri.EscapeDataString(value));
                    break;
                case ParameterLocation.Query:
                    query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(p.Name)).Append('=').Append(Uri.EscapeDataString(value));
                    break;
            }
        }
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(path.ToString() + query, UriKind.Relative));
        foreach (var p in operation.Parameters.Where(p => p.In == ParameterLocation.Header))
            if (arguments.TryGetValue(p.Name, out var value)) request.Headers.TryAddWithoutValidation(p.Name, value);
        if (body is { } json)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json.GetRawText()));
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        return request;
    }
}
