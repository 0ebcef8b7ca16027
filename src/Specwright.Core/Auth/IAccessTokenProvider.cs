namespace Specwright.Core.Auth;

/// <summary>
/// Gives the access token each request is sent with (<c>Authorization: Bearer …</c>), for APIs whose spec declares OAuth2
/// or OpenID Connect. Set <c>options.TokenProvider</c>: <see cref="ClientCredentialsTokenProvider"/> for the client
/// credentials flow, or your own for any other flow (a token from your identity library, a managed identity, a cache).
/// Called for every attempt; cache in the provider.
/// </summary>
public interface IAccessTokenProvider
{
    /// <param name="forceRefresh">True after the API refused the last token (a 401): return a new one, not the cached one.</param>
    /// <param name="cancellationToken">Cancels the wait for a token.</param>
    ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
}
