namespace Specwright.Core.Http;

/// <summary>
/// One service as its spec describes it, generated as <c>&lt;Service&gt;Spec.Description</c>: what the sandbox, the CLI
/// and the docs need to find a service they were not written for (a new spec plus <c>make new-service</c>).
/// </summary>
/// <param name="Name">The service's short name, lower case: the CLI's command and the sandbox's path prefix (<c>crawler</c>).</param>
/// <param name="Title">The spec's <c>info.title</c>.</param>
/// <param name="Version">The spec's <c>info.version</c>.</param>
/// <param name="SpecFile">The spec's file name in <c>openapi/</c> (<c>crawler.yaml</c>).</param>
/// <param name="ApiKeyEnvironmentVariable">Where the client looks for a key when none is configured.</param>
/// <param name="Operations">Every operation's facts by id, in the spec's order.</param>
/// <param name="CreateClient">A client with this key (null: the environment's) and base URL (null: the real service's).</param>
public sealed record ServiceDescription(
    string Name,
    string Title,
    string Version,
    string SpecFile,
    string ApiKeyEnvironmentVariable,
    IReadOnlyDictionary<string, OperationInfo> Operations,
    Func<string?, Uri?, IOperationClient> CreateClient)
{
    /// <summary>
    /// A server's URL: an index into the spec's servers (<c>&lt;Service&gt;Spec.Servers</c>) and values for its variables (the spec's defaults for the
    /// rest); null when the spec lists no servers. Throws <see cref="ArgumentException"/> naming what is wrong.
    /// </summary>
    public Func<int, IReadOnlyDictionary<string, string>?, Uri>? ServerUrl { get; init; }

    /// <summary>Where the client looks for its base URL when none is configured (<c>WEBSCRAPE_BASE_URL</c>); null when not said.</summary>
    public string? BaseUrlEnvironmentVariable { get; init; }

    /// <summary>The spec's security schemes some operations take besides the API key (empty when the key is all it takes).</summary>
    public IReadOnlyList<Auth.CredentialScheme> CredentialSchemes { get; init; } = [];

    /// <summary>
    /// A client as <see cref="CreateClient"/> makes one, with credentials of <see cref="CredentialSchemes"/> by scheme name (a scheme
    /// left out: its environment variable); null when the service has no such schemes.
    /// </summary>
    public Func<string?, Uri?, IReadOnlyDictionary<string, string>, IOperationClient>? CreateClientWithCredentials { get; init; }

    public override string ToString() => $"{Name} ({Title} {Version})";
}

/// <summary>
/// Calls any operation of a service by its id with raw JSON (or a body of any media type, <see cref="OperationContent"/>), through the same pipeline as the typed methods (key,
/// retries, rate limit, telemetry, typed errors): for operations without a typed method yet, tools and the CLI.
/// </summary>
public interface IOperationClient : IDisposable
{
    /// <summary>
    /// Sends <paramref name="operationId"/> with <paramref name="arguments"/> (path, query and header parameters by
    /// their wire names) and <paramref name="body"/>; returns the success body as sent (<c>null</c> when empty).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown operation or parameter, a missing required one, or a body where none is taken.</exception>
    /// <exception cref="Errors.ApiException">The service answered with an error (the service's own subtype per code).</exception>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)] // a literal null body is this one, as before OperationContent
    Task<ApiResponse<System.Text.Json.JsonElement>> SendOperationAsync(string operationId, IReadOnlyDictionary<string, string>? arguments = null,
        System.Text.Json.JsonElement? body = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends like <see cref="SendOperationAsync(string, IReadOnlyDictionary{string, string}?, System.Text.Json.JsonElement?, CancellationToken)"/> and returns the success body unread, as it arrives: for an operation whose answer is not
    /// JSON (<see cref="OperationInfo.ResponseMediaType"/>: server-sent events, a download). The caller disposes it.
    /// </summary>
    /// <remarks>Generated clients implement it; for any other implementation of this interface (written against 1.0) it is not supported.</remarks>
    /// <exception cref="ArgumentException">An unknown operation or parameter, a missing required one, or a body where none is taken.</exception>
    /// <exception cref="Errors.ApiException">The service answered with an error (the service's own subtype per code).</exception>
    /// <exception cref="NotSupportedException">An implementation that does not provide it.</exception>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    Task<ApiResponse<StreamedContent>> SendOperationForContentAsync(string operationId, IReadOnlyDictionary<string, string>? arguments = null,
        System.Text.Json.JsonElement? body = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not implement SendOperationForContentAsync; the generated clients do.");

    /// <summary>
    /// Sends like <see cref="SendOperationAsync(string, IReadOnlyDictionary{string, string}?, System.Text.Json.JsonElement?, CancellationToken)"/> with
    /// <paramref name="content"/> as the body, in any media type the operation takes (<see cref="OperationBody.MediaTypes"/>): a form, a
    /// multipart upload, bytes from a stream.
    /// </summary>
    /// <remarks>Generated clients implement it; for any other implementation of this interface (written against 1.0) it is not supported.</remarks>
    /// <exception cref="ArgumentException">An unknown operation or parameter, a missing required one, or a body the operation does not take (its media types named).</exception>
    /// <exception cref="Errors.ApiException">The service answered with an error (the service's own subtype per code).</exception>
    /// <exception cref="NotSupportedException">An implementation that does not provide it.</exception>
    Task<ApiResponse<System.Text.Json.JsonElement>> SendOperationAsync(string operationId, IReadOnlyDictionary<string, string>? arguments,
        OperationContent content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not implement SendOperationAsync with OperationContent; the generated clients do.");

    /// <summary>Sends like <see cref="SendOperationAsync(string, IReadOnlyDictionary{string, string}?, OperationContent, CancellationToken)"/> and returns the success body unread.</summary>
    /// <remarks>Generated clients implement it; for any other implementation of this interface (written against 1.0) it is not supported.</remarks>
    /// <exception cref="NotSupportedException">An implementation that does not provide it.</exception>
    Task<ApiResponse<StreamedContent>> SendOperationForContentAsync(string operationId, IReadOnlyDictionary<string, string>? arguments,
        OperationContent content, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"{GetType().Name} does not implement SendOperationForContentAsync with OperationContent; the generated clients do.");
}
