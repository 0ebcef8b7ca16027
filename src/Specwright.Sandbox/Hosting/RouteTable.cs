using System.Text.RegularExpressions;

namespace Specwright.Sandbox.Hosting;

/// <summary>
/// Matches <c>METHOD /path</c> against the spec's path templates: whole-segment parameters (<c>/smartbrowse/runs/{id}</c>)
/// and parameters inside a segment (<c>/Accounts/{Sid}.json</c>, <c>/files/{name}-{version}</c>).
/// </summary>
internal sealed class RouteTable<THandler>
{
    private readonly List<(string Method, Segment[] Segments, string OperationId, THandler Handler)> _routes = [];

    /// <summary>One segment of a template: a literal, or a pattern whose groups are the parameters it holds.</summary>
    private sealed record Segment(string Literal, Regex? Pattern, string[] Parameters)
    {
        public static Segment Parse(string template)
        {
            if (!template.Contains('{')) return new Segment(template, null, []);
            var names = new List<string>();
            var pattern = Regex.Replace(Regex.Escape(template).Replace(@"\{", "{"), @"\{([^}]+)}", m =>
            {
                names.Add(Regex.Unescape(m.Groups[1].Value));
                return "(.+?)";
            });
            return new Segment(template, new Regex("^" + pattern + "$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)), [.. names]);
        }

        public bool Match(string part, Dictionary<string, string> found)
        {
            if (Pattern is null) return string.Equals(Literal, part, StringComparison.Ordinal);
            var m = Pattern.Match(part);
            if (!m.Success) return false;
            for (var i = 0; i < Parameters.Length; i++) found[Parameters[i]] = Uri.UnescapeDataString(m.Groups[i + 1].Value);
            return true;
        }
    }

    public RouteTable<THandler> Add(string method, string template, string operationId, THandler handler)
    {
        _routes.Add((method, template.Trim('/').Split('/').Select(Segment.Parse).ToArray(), operationId, handler));
        return this;
    }

    public bool TryMatch(string method, string path, out string operationId, out THandler handler, out Dictionary<string, string> values)
    {
        var parts = path.Trim('/').Split('/');
        foreach (var (m, segments, id, h) in _routes)
        {
            if (!string.Equals(m, method, StringComparison.OrdinalIgnoreCase) || segments.Length != parts.Length) continue;
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < segments.Length && ok; i++) ok = segments[i].Match(parts[i], found);
            if (!ok) continue;
            (operationId, handler, values) = (id, h, found);
            return true;
        }
        (operationId, handler, values) = ("", default!, []);
        return false;
    }

    /// <summary>Whether some route has this path with another method (405-worthy, answered as not_found by the vendor).</summary>
    public bool PathExists(string path) => _routes.Any(r => TryMatch(r.Method, path, out _, out _, out _));
}
