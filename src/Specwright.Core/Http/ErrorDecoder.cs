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
}
