using Specwright.Core.Errors;

namespace Specwright.Core.Auth;

/// <summary>
/// The credentials a client has for a spec with several security schemes: the one <c>ApiKey</c> (or a token provider) fills, under its
/// scheme's name, and the others from their options or environment variables. Picks, per request, the first of an operation's ways
/// (<see cref="Http.OperationInfo.Security"/>) whose every scheme has a credential, and puts those on the request.
/// </summary>
internal sealed class CredentialSet
{
    private readonly Dictionary<string, (CredentialScheme Scheme, string Value)> _configured = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CredentialScheme> _schemes = new(StringComparer.Ordinal);
    private readonly string _optionsType;

    /// <param name="apiKeyScheme">The scheme <c>ApiKey</c> fills (its name in the spec).</param>
    /// <param name="apiKeySetting">How to set that one, for messages (<c>XClientOptions.ApiKey or X_API_KEY</c>).</param>
    /// <param name="optionsType">The options class, for messages.</param>
    /// <param name="credentials">Every other scheme, with the value its option holds (null: read its environment variable).</param>
    public CredentialSet(string apiKeyScheme, string apiKeySetting, string optionsType, IEnumerable<KeyValuePair<CredentialScheme, string?>> credentials)
    {
        ApiKeyScheme = apiKeyScheme;
        ApiKeySetting = apiKeySetting;
        _optionsType = optionsType;
        foreach (var (scheme, configured) in credentials)
        {
            _schemes[scheme.Name] = scheme;
            var value = configured ?? Environment.GetEnvironmentVariable(scheme.EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (configured is not null) throw new ConfigurationException($"{optionsType}.{scheme.Option} is blank; leave it null or set the {scheme.Name} credential.");
                continue;
            }
            if (Unsendable(value))
                throw new ConfigurationException($"The {scheme.Name} credential contains whitespace or control characters; check {Setting(scheme)}.");
            _configured[scheme.Name] = (scheme, scheme.Format(value));
        }
    }

    /// <summary>A credential with whitespace or control characters: never a valid key, and unsafe in a header (the API key's rule too).</summary>
    internal static bool Unsendable(string credential) => credential.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));

    public string ApiKeyScheme { get; }

    public string ApiKeySetting { get; }

    /// <summary>The first way whose every scheme has a credential; null when none has (an empty way, anonymous, never counts here).</summary>
    public IReadOnlyList<string>? Choose(IReadOnlyList<IReadOnlyList<string>> ways, bool apiKeyAvailable)
    {
        foreach (var way in ways)
            if (way.Count > 0 && way.All(s => s == ApiKeyScheme ? apiKeyAvailable : _configured.ContainsKey(s))) return way;
        return null;
    }

    /// <summary>Takes off what any scheme of this set put on an earlier attempt of the request.</summary>
    public void Clear(HttpRequestMessage request)
    {
        foreach (var scheme in _schemes.Values)
            if (scheme.Location == CredentialLocation.Header) request.Headers.Remove(scheme.ParameterName);
            else if (scheme.Location == CredentialLocation.Cookie) request.Headers.Remove("Cookie");
    }

    /// <summary>Puts the credential of <paramref name="scheme"/> (not the API key's) on the request.</summary>
    public void Apply(HttpRequestMessage request, string scheme)
    {
        var (s, value) = _configured[scheme];
        switch (s.Location)
        {
            case CredentialLocation.Header:
                request.Headers.TryAddWithoutValidation(s.ParameterName, value);
                break;
            case CredentialLocation.Cookie:
                var pair = s.ParameterName + "=" + value;
                var existing = request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", existing is null ? pair : existing + "; " + pair);
                break;
            case CredentialLocation.Query when request.RequestUri is { } uri:
                var query = Uri.EscapeDataString(s.ParameterName) + "=" + Uri.EscapeDataString(value);
                var current = uri.Query.Length > 1 ? uri.Query[1..] : "";
                if (!current.Split('&').Contains(query, StringComparer.Ordinal))
                    request.RequestUri = new UriBuilder(uri) { Query = current.Length > 0 ? current + "&" + query : query }.Uri;
                break;
        }
    }

    /// <summary>What an operation needs and how to set it: "AdminKey (XClientOptions.AdminKey or X_ADMIN_KEY), or ApiKey (...)".</summary>
    public string Missing(string operationId, IReadOnlyList<IReadOnlyList<string>> ways) =>
        $"Operation '{operationId}' needs credentials that are not configured: " +
        string.Join(", or ", ways.Where(w => w.Count > 0).Select(w => string.Join(" and ", w.Select(s =>
            s == ApiKeyScheme ? $"{s} ({ApiKeySetting})" : _schemes.TryGetValue(s, out var scheme) ? $"{s} ({Setting(scheme)})" : s)))) + ".";

    private string Setting(CredentialScheme scheme) => $"{_optionsType}.{scheme.Option} or the {scheme.EnvironmentVariable} environment variable";

    /// <summary>Never shows a credential.</summary>
    public override string ToString() => $"CredentialSet({ApiKeyScheme}, {string.Join(", ", _schemes.Keys.Select(k => k + (_configured.ContainsKey(k) ? " ***" : " (none)")))})";
}
