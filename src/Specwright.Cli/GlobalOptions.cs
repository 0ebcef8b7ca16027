using System.CommandLine;
using Specwright.Core.Http;

namespace Specwright.Cli;

/// <summary>
/// The flags every command of one service takes (recursive: they may follow any of its subcommands), described with that
/// service's own variables and servers; the sandbox and demo commands take none of them.
/// </summary>
internal sealed class GlobalOptions(ServiceDescription service)
{
    public Option<string?> ApiKey { get; } = new("--api-key") { Description = $"API key (default: {service.ApiKeyEnvironmentVariable})", Recursive = true };

    public Option<Uri?> BaseUrl { get; } = new("--base-url")
    {
        Description = $"API base URL (default: {service.BaseUrlEnvironmentVariable ?? "the service's base URL variable"} when set, else {BaseUrlHint.Documented(service)?.ToString() ?? "the spec's server"}; " +
                      $"the embedded sandbox when no key is set either)",
        Recursive = true,
        CustomParser = Parsers.AbsoluteUrl,
    };

    public Option<int?> Server { get; } = new("--server") { Description = "Which of the spec's servers to call (0 is the first), for a spec that lists several", Recursive = true };
    public Option<string[]> ServerVariables { get; } = new("--server-variable") { Description = "A variable of the spec's server URL, as name=value (repeatable; the spec's default for the others)", Recursive = true };

    public Option<string[]> Credentials { get; } = new("--credential")
    {
        Description = service.CredentialSchemes.Count == 0
            ? $"A credential of another security scheme, as scheme=value ({service.Title} has none besides the API key)"
            : $"A credential of another security scheme, as scheme=value (repeatable: {string.Join(", ", service.CredentialSchemes.Select(s => s.Name))}; default: the scheme's environment variable)",
        Recursive = true,
    };

    public Option<bool> Sandbox { get; } = new("--sandbox") { Description = $"Use the embedded sandbox (the default when no {service.ApiKeyEnvironmentVariable} or --api-key is set)", Recursive = true };
    public Option<bool> Json { get; } = new("--json") { Description = "Print results as JSON, for scripts", Recursive = true };

    /// <summary>The service this command tree calls.</summary>
    public ServiceDescription Service { get; } = service;

    public void AddTo(Command serviceCommand)
    {
        serviceCommand.Add(ApiKey);
        serviceCommand.Add(BaseUrl);
        serviceCommand.Add(Server);
        serviceCommand.Add(ServerVariables);
        serviceCommand.Add(Credentials);
        serviceCommand.Add(Sandbox);
        serviceCommand.Add(Json);
    }
}
