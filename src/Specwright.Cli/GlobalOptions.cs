using System.CommandLine;

namespace Specwright.Cli;

/// <summary>Options every command takes (recursive: they may follow any subcommand).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "API key (default: the service's environment variable, e.g. WEBSCRAPE_API_KEY)", Recursive = true };
    public Option<Uri?> BaseUrl { get; } = new("--base-url") { Description = "API base URL (default: the service's <SERVICE>_BASE_URL variable when set, e.g. WEBSCRAPE_BASE_URL, else the real service, or the embedded sandbox)", Recursive = true, CustomParser = Parsers.AbsoluteUrl };
    public Option<int?> Server { get; } = new("--server") { Description = "Which of the spec's servers to call (0 is the first), for a spec that lists several", Recursive = true };
    public Option<string[]> ServerVariables { get; } = new("--server-variable") { Description = "A variable of the spec's server URL, as name=value (repeatable; the spec's default for the others)", Recursive = true };
    public Option<string[]> Credentials { get; } = new("--credential") { Description = "A credential of one of the spec's other security schemes (an admin key), as scheme=value (repeatable; default: the scheme's environment variable)", Recursive = true };
    public Option<bool> Sandbox { get; } = new("--sandbox") { Description = "Use the embedded sandbox (the default when no key is configured)", Recursive = true };
    public Option<bool> Json { get; } = new("--json") { Description = "Print results as JSON, for scripts", Recursive = true };

    public void AddTo(Command root)
    {
        root.Add(ApiKey);
        root.Add(BaseUrl);
        root.Add(Server);
        root.Add(ServerVariables);
        root.Add(Credentials);
        root.Add(Sandbox);
        root.Add(Json);
    }
}
