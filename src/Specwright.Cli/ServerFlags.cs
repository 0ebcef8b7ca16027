using System.CommandLine;

namespace Specwright.Cli;

/// <summary><c>--server</c> and <c>--server-variable</c>: a base URL chosen from the spec's servers, instead of <c>--base-url</c>.</summary>
internal static class ServerFlags
{
    /// <summary>The chosen server's URL; null when neither flag is given.</summary>
    /// <exception cref="ArgumentException">The flags with <c>--base-url</c> or <c>--sandbox</c>, a service with one plain server, a
    /// variable not written <c>name=value</c>, or values the spec refuses or that make no http(s) URL.</exception>
    public static Uri? BaseUrl(CliContext ctx, ParseResult p, Func<int, IReadOnlyDictionary<string, string>?, Uri>? serverUrl)
    {
        var index = p.GetValue(ctx.Globals.Server);
        var pairs = p.GetValue(ctx.Globals.ServerVariables) ?? [];
        if (index is null && pairs.Length == 0) return null;
        if (p.GetValue(ctx.Globals.BaseUrl) is not null || p.GetValue(ctx.Globals.Sandbox))
            throw new ArgumentException("--server and --server-variable choose the base URL from the spec's servers: use them without --base-url and --sandbox.");
        if (serverUrl is null)
            throw new ArgumentException("--server and --server-variable: this service's spec has one server without variables; pass --base-url for another address.");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=');
            if (at <= 0) throw new ArgumentException($"--server-variable takes name=value, got '{pair}'.");
            variables[pair[..at]] = pair[(at + 1)..];
        }
        Uri? url = null;
        try { url = serverUrl(index ?? 0, variables); }
        catch (ArgumentException e) { throw new ArgumentException($"--server/--server-variable: {e.Message.Split(" (Parameter")[0]}"); }
        catch (UriFormatException) { } // values that make no URL: refused below, as a relative one is
        return url is { IsAbsoluteUri: true, Scheme: "http" or "https" } ? url
            : throw new ArgumentException($"--server/--server-variable: {string.Join(", ", pairs)} do not make an absolute http(s) URL of server {index ?? 0}.");
    }
}
