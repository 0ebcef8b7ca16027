using Specwright.Core.Http;

namespace Specwright.Cli;

/// <summary>What to say when a chosen base URL answers 404: the URL used and, when it lacks the spec's path, the URL the spec documents.</summary>
internal static class BaseUrlHint
{
    /// <summary>The service's base URL variable as a URL, when it is set to one.</summary>
    public static Uri? FromEnvironment(ServiceDescription service) =>
        service.BaseUrlEnvironmentVariable is { } variable && Uri.TryCreate(Environment.GetEnvironmentVariable(variable), UriKind.Absolute, out var url) ? url : null;

    /// <summary>The hint for a 404 at <paramref name="used"/>; null when no base URL was chosen (the spec's own server).</summary>
    public static string? For(ServiceDescription service, Uri? used)
    {
        if (used is null) return null;
        var documented = Documented(service);
        var path = documented?.AbsolutePath.TrimEnd('/') ?? "";
        var usedPath = used.AbsolutePath.TrimEnd('/');
        if (path.Length == 0 || usedPath.EndsWith(path, StringComparison.Ordinal))
            return $"the base URL was {used}; a 404 there is the server's answer for this path or id";
        var suggestion = used.GetLeftPart(UriPartial.Authority) + usedPath + path;
        return $"the base URL was {used}, but {service.Title}'s paths are documented below {path} ({documented}); try --base-url {suggestion}";
    }

    /// <summary>The spec's first server, as the client defaults to it; null when the spec lists none (or only one with bad defaults).</summary>
    public static Uri? Documented(ServiceDescription service)
    {
        try { return service.ServerUrl?.Invoke(0, null); }
        catch (ArgumentException) { return null; }
    }
}
