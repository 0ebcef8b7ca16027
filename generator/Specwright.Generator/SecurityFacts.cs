using System.Text.Json.Nodes;

namespace Specwright.Generator;

/// <summary>
/// A security scheme the client sends besides the one <c>ApiKey</c> fills: how it goes on the wire, and the option and environment
/// variable that hold its credential.
/// </summary>
/// <param name="Location"><c>Header</c>, <c>Query</c> or <c>Cookie</c> (Core's <c>CredentialLocation</c>).</param>
public sealed record SchemeFact(string Name, string Location, string ParameterName, string? Prefix, string Option, string EnvironmentVariable, string? Description);

/// <summary>
/// How a spec's security reaches the client: the scheme <c>ApiKey</c> fills (the first the document's <c>security</c> names, else
/// the first declared), each operation's ways to authenticate where they are more than that key, and the other schemes those ways need.
/// </summary>
public sealed record SecurityFacts(string? ApiKeyScheme, IReadOnlyList<SchemeFact> OtherSchemes)
{
    /// <summary>Members of the options base class and of the server options, which a scheme's option must not take.</summary>
    private static readonly string[] Reserved =
        ["ApiKey", "TokenProvider", "BaseUrl", "MaxRetries", "Timeout", "LoggerFactory", "TimeProvider", "RateLimit", "Limiter",
         "PartitionedLimiter", "AdaptiveRateLimit", "MaxRetryAfter", "Server", "Resolve", "ToString", "GetType", "Equals", "GetHashCode"];

    /// <summary>The scheme <c>ApiKey</c> fills: its name and definition, or null when the spec declares none.</summary>
    public static (string Name, JsonObject Scheme)? Primary(JsonObject root)
    {
        var schemes = root["components"]?["securitySchemes"] as JsonObject;
        if (schemes is null || schemes.Count == 0) return null;
        var named = (root["security"] as JsonArray)?.OfType<JsonObject>().SelectMany(r => r.Select(kv => kv.Key)).FirstOrDefault(schemes.ContainsKey);
        var (name, scheme) = named is not null ? (named, schemes[named]) : (schemes.First().Key, schemes.First().Value);
        return scheme is JsonObject s ? (name, s) : null;
    }

    /// <summary>Where a scheme's credential goes, or null for one the client cannot send (mutual TLS, an apiKey with no place).</summary>
    public static (string Location, string ParameterName, string? Prefix)? Placement(JsonObject scheme)
    {
        var type = Str(scheme, "type");
        var http = Str(scheme, "scheme")?.ToLowerInvariant();
        return type switch
        {
            "http" when http == "basic" => ("Header", "Authorization", "Basic"),
            "http" when http is null or "bearer" => ("Header", "Authorization", "Bearer"),
            "http" => ("Header", "Authorization", char.ToUpperInvariant(http[0]) + http[1..]),
            "apiKey" when Str(scheme, "name") is { Length: > 0 } name && Str(scheme, "in") is "header" or "query" or "cookie" =>
                (Naming.Pascal(Str(scheme, "in")!), name, null),
            // OAuth2 and OpenID Connect: the credential is an access token the caller obtained, sent as a bearer token.
            "oauth2" or "openIdConnect" => ("Header", "Authorization", "Bearer"),
            _ => null,
        };
    }

    /// <summary>
    /// An operation's ways as Core's <c>OperationInfo.Security</c> takes them, or null when the API key alone (or nothing) does: no
    /// security, <c>[]</c>, or a way that needs only that key. Ways through a scheme the client cannot send are left out.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>>? Ways(JsonNode? security, string? apiKeyScheme, JsonObject? schemes)
    {
        if (security is not JsonArray { Count: > 0 } list || apiKeyScheme is null) return null;
        var ways = list.OfType<JsonObject>().Select(w => (IReadOnlyList<string>)w.Select(kv => kv.Key).ToList()).ToList();
        if (ways.Any(w => w.Count > 0 && w.All(s => s == apiKeyScheme))) return null;
        if (ways.All(w => w.Count == 0)) return null;
        var sendable = ways.Where(w => w.All(s => s == apiKeyScheme || (schemes?[s] is JsonObject scheme && Placement(scheme) is not null))).ToList();
        // Only schemes the client cannot send (mutual TLS, done by the caller's handler): sent as it is, without credentials.
        return sendable.Count > 0 ? sendable : [[]];
    }

    public static SecurityFacts Read(JsonObject root, IEnumerable<IReadOnlyList<IReadOnlyList<string>>?> operationWays, string service, string apiKeyVariable)
    {
        var primary = Primary(root)?.Name;
        var schemes = root["components"]?["securitySchemes"] as JsonObject;
        var needed = operationWays.OfType<IReadOnlyList<IReadOnlyList<string>>>().SelectMany(w => w).SelectMany(w => w)
            .Where(s => s != primary).Distinct().ToList();
        var options = Naming.Distinct(needed, Naming.Pascal, Reserved);
        var prefix = apiKeyVariable.EndsWith("_API_KEY", StringComparison.Ordinal) ? apiKeyVariable[..^"_API_KEY".Length] : service.ToUpperInvariant();
        var others = needed.Select(name =>
        {
            var scheme = (JsonObject)schemes![name]!;
            var (location, parameter, schemePrefix) = Placement(scheme)!.Value;
            var variable = prefix + "_" + ClientNaming.UpperSnake(options[name]);
            if (variable == apiKeyVariable || variable == prefix + "_BASE_URL") variable += "_CREDENTIAL";
            return new SchemeFact(name, location, parameter, schemePrefix, options[name], variable, Str(scheme, "description"));
        }).ToList();
        return new SecurityFacts(primary, others);
    }

    private static string? Str(JsonObject x, string key) => x[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
