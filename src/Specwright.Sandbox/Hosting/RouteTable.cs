namespace Specwright.Sandbox.Hosting;

/// <summary>Matches <c>METHOD /path</c> against the spec's path templates (e.g. <c>/smartbrowse/runs/{id}</c>).</summary>
internal sealed class RouteTable<THandler>
{
    private readonly List<(string Method, string[] Segments, string OperationId, THandler Handler)> _routes = [];

    public RouteTable<THandler> Add(string method, string template, string operationId, THandler handler)
    {
        _routes.Add((method, template.Trim('/').Split('/'), operationId, handler));
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
            for (var i = 0; i < segments.Length && ok; i++)
            {
                if (segments[i].StartsWith('{') && segments[i].EndsWith('}'))
                {
                    ok = parts[i].Length > 0;
                    found[segments[i][1..^1]] = Uri.UnescapeDataString(parts[i]);
                }
                else ok = string.Equals(segments[i], parts[i], StringComparison.Ordinal);
            }
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
