using System.CommandLine;
using System.Text.RegularExpressions;

namespace Specwright.Cli;

/// <summary>
/// An SDK message said in the CLI's words: the SDK names what its caller wrote (<c>'body.MaxAge'</c>,
/// <c>WebScrapeClientOptions.ApiKey</c>); a CLI user wrote flags (<c>--max-age</c>, <c>--api-key</c>).
/// </summary>
internal static partial class FlagWords
{
    /// <param name="service">The service whose command ran, for its other credentials' options (<c>AdminKey</c> is <c>--credential adminKey=…</c>).</param>
    public static string Say(string message, ParseResult? parse, Specwright.Core.Http.ServiceDescription? service)
    {
        message = ClientOption().Replace(message, m => m.Groups[1].Value switch
        {
            "ApiKey" => "--api-key",
            "BaseUrl" => "--base-url",
            var option => service?.CredentialSchemes.FirstOrDefault(s => s.Option == option) is { } scheme ? $"--credential {scheme.Name}=<value>" : m.Value,
        });
        if (parse is null) return message;
        var flags = CliApp.OptionsOf(parse.CommandResult).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return Property().Replace(message, m => "--" + Specwright.Shared.CommandNames.Kebab(m.Groups[1].Value) is var flag && flags.Contains(flag) ? flag : m.Value);
    }

    /// <summary><c>WebScrapeClientOptions.ApiKey</c>, <c>IttybitClientOptions.BaseUrl</c>, <c>CrawlerClientOptions.AdminKey</c>.</summary>
    [GeneratedRegex(@"\b\w+ClientOptions\.(\w+)\b")]
    private static partial Regex ClientOption();

    /// <summary>A quoted SDK path ending in a property: <c>'body.MaxAge'</c>, <c>'options.Country'</c>.</summary>
    [GeneratedRegex(@"'(?:[a-z]\w*\.)+([A-Z]\w*)'")]
    private static partial Regex Property();
}
