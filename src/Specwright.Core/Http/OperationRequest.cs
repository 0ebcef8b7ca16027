using System.Text;
using System.Text.Json;

namespace Specwright.Core.Http;

/// <summary>Builds the request of any operation from its facts, with arguments by wire name (the raw, untyped call).</summary>
internal static class OperationRequest
{
    public static HttpRequestMessage Build(OperationInfo operation, IReadOnlyDictionary<string, string>? arguments, OperationContent? body)
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
        foreach (var p in operation.Parameters)
            if (arguments.TryGetValue(p.Name, out var given) && !string.IsNullOrWhiteSpace(given)) p.Check(given);
        if (body is not null && operation.Body is null)
            throw new ArgumentException($"{operation.Id} takes no request body.", nameof(body));
        if (body is null && operation.Body is { Required: true })
            throw new ArgumentException($"{operation.Id} needs a request body ({string.Join(", ", operation.Body.MediaTypes)}).", nameof(body));

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
        if (body is not null) request.Content = Content(operation, operation.Body!.MediaTypes, body);
        return request;
    }

    /// <summary>
    /// The body as the first media type of its kind the operation takes: JSON as its JSON type (or as form fields when it takes a
    /// form and no JSON), bytes as the type asked for if the operation takes it, else as its own.
    /// </summary>
    private static HttpContent Content(OperationInfo operation, IReadOnlyList<string> declared, OperationContent body)
    {
        string? Find(Func<string, bool> match) => declared.FirstOrDefault(m => match(Essence(m)));
        var chosen = body.Kind switch
        {
            OperationContent.ContentKind.Json => Find(IsJson) ?? (Find(m => m is "*/*" or "application/*") is not null ? "application/json" : null),
            OperationContent.ContentKind.Form => Find(m => m == OperationContent.FormMediaType),
            OperationContent.ContentKind.Multipart => Find(m => m == OperationContent.MultipartMediaType),
            _ => body.MediaType is { } asked ? (declared.Any(m => Covers(Essence(m), Essence(asked))) ? asked : null)
                : Find(m => !IsJson(m) && m != OperationContent.FormMediaType && m != OperationContent.MultipartMediaType) is { } own
                    ? own.Contains('*') ? "application/octet-stream" : own : null,
        };
        if (chosen is not null) return body.Create(chosen);
        if (body.Kind == OperationContent.ContentKind.Json && Find(m => m == OperationContent.FormMediaType) is not null)
            return new FormUrlEncodedContent(FormFields.From(body.JsonValue!.Value, "the body"));
        throw new ArgumentException($"{operation.Id} takes a body as {string.Join(", ", declared)}; not {body.MediaType ?? Describe(body.Kind)}.", "body");
    }

    private static string Describe(OperationContent.ContentKind kind) => kind switch
    {
        OperationContent.ContentKind.Json => "JSON",
        OperationContent.ContentKind.Bytes => "bytes of its own media type",
        _ => kind.ToString(),
    };

    private static string Essence(string mediaType) => mediaType.Split(';')[0].Trim().ToLowerInvariant();

    private static bool IsJson(string essence) => essence == "application/json" || essence.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>A declared media type covers a sent one: equal, <c>*/*</c>, or <c>image/*</c> for <c>image/png</c>.</summary>
    private static bool Covers(string declared, string sent) =>
        declared == sent || declared == "*/*" || (declared.EndsWith("/*", StringComparison.Ordinal) && sent.StartsWith(declared[..^1], StringComparison.Ordinal));
}
