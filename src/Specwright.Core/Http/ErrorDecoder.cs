using Specwright.Core.Errors;

namespace Specwright.Core.Http;

/// <summary>
/// How one API says "error". Each service has exactly one; the transport calls it for every response,
/// so errors are decoded in one place per service.
/// </summary>
public abstract class ErrorDecoder
{
    /// <summary>Builds the typed exception for a non-success status. The body is buffered (capped).</summary>
    public abstract ApiException Decode(ResponseContext response);

    /// <summary>A success status whose body still says error (e.g. an envelope with status "error"); null when fine.</summary>
    public virtual ApiException? DecodeSuccessBody(object body, SuccessResponse response) => null;

    /// <summary>
    /// True for a retryable status that the spec also gives a code not to retry (a 429 that means "out of credits"):
    /// the retry handler decodes such a response before deciding, and the transport throws that same decoded error.
    /// </summary>
    public virtual bool DecidesRetryByCode(int status) => false;

    /// <summary>The spec marks the decoded error's code as not to be retried, although its status is retryable.</summary>
    public virtual bool ForbidsRetry(ApiException error) => false;
}
