using System.CommandLine;
using Specwright.Core.Http;

namespace Specwright.Cli;

/// <summary><c>--credential scheme=value</c>: credentials of a spec's security schemes besides the API key (an admin key).</summary>
internal static class CredentialFlags
{
    /// <summary>The given credentials by scheme name.</summary>
    /// <exception cref="ArgumentException">A pair not written <c>scheme=value</c>, or a scheme the service's spec does not have beside the key.</exception>
    public static IReadOnlyDictionary<string, string> Read(CliContext ctx, ParseResult p, ServiceDescription service)
    {
        var pairs = p.GetValue(ctx.Globals.Credentials) ?? [];
        var credentials = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=');
            // The value is a secret: never repeated in a message.
            if (at <= 0) throw new ArgumentException("--credential takes scheme=value; one was given without its scheme.");
            var scheme = pair[..at];
            if (service.CredentialSchemes.All(s => s.Name != scheme))
                throw new ArgumentException(service.CredentialSchemes.Count == 0
                    ? $"--credential: {service.Title} takes only the API key (--api-key)."
                    : $"--credential: '{scheme}' is not one of {service.Title}'s other security schemes ({string.Join(", ", service.CredentialSchemes.Select(s => s.Name))}).");
            credentials[scheme] = pair[(at + 1)..];
        }
        return credentials;
    }

    /// <summary>The client with these credentials; against the embedded sandbox, every scheme takes its demo key.</summary>
    public static IOperationClient CreateClient(ServiceDescription service, string? key, Uri? baseUrl, IReadOnlyDictionary<string, string> credentials, bool sandboxed)
    {
        if (service.CreateClientWithCredentials is not { } create) return service.CreateClient(key, baseUrl);
        if (sandboxed && key is not null) credentials = service.CredentialSchemes.ToDictionary(s => s.Name, _ => key, StringComparer.Ordinal);
        return create(key, baseUrl, credentials);
    }
}
