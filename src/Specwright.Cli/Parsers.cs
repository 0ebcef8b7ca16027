using System.CommandLine.Parsing;

namespace Specwright.Cli;

/// <summary>Value parsers System.CommandLine lacks without reflection (AOT): absolute URLs.</summary>
internal static class Parsers
{
    public static Uri? AbsoluteUrl(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") return url;
        result.AddError($"'{text}' is not an absolute http(s) URL.");
        return null;
    }
}
