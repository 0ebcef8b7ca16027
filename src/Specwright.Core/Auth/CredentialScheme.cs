namespace Specwright.Core.Auth;

/// <summary>Where a security scheme's credential goes on a request.</summary>
public enum CredentialLocation
{
    /// <summary>A request header (<c>Authorization</c> for HTTP schemes).</summary>
    Header,

    /// <summary>A query parameter.</summary>
    Query,

    /// <summary>A cookie, in the <c>Cookie</c> header.</summary>
    Cookie,
}

/// <summary>
/// A security scheme of a spec that some operations need besides, or instead of, the one <c>ApiKey</c> fills (an admin key, a
/// second header): its name in the spec, how its credential is sent, and where a client reads the credential from. Generated as
/// <c>&lt;Service&gt;Spec.CredentialSchemes</c>; operations say which schemes they take in <see cref="Http.OperationInfo.Security"/>.
/// </summary>
/// <param name="Name">The scheme's name under <c>components.securitySchemes</c>.</param>
/// <param name="Location">Header, query parameter or cookie.</param>
/// <param name="ParameterName">The header, query parameter or cookie it is sent in (<c>Authorization</c> for HTTP schemes).</param>
/// <param name="Prefix">HTTP's scheme word before the credential (<c>Bearer</c>; with <c>Basic</c> the credential is <c>user:password</c>,
/// sent base64-encoded); null for a bare key.</param>
/// <param name="Option">The client option that holds the credential (<c>AdminKey</c>).</param>
/// <param name="EnvironmentVariable">Where the client looks when the option is unset.</param>
public sealed record CredentialScheme(string Name, CredentialLocation Location, string ParameterName, string? Prefix, string Option, string EnvironmentVariable)
{
    /// <summary>The credential as it goes on the wire: prefixed, base64-encoded for Basic.</summary>
    internal string Format(string secret) =>
        Prefix is null ? secret
        : string.Equals(Prefix, "Basic", StringComparison.OrdinalIgnoreCase) ? "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))
        : $"{Prefix} {secret}";
}
