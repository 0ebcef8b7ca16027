namespace Specwright.Sandbox.Hosting;

/// <summary>
/// Thrown anywhere in a call to answer with an error: the host catches it and the service's dialect writes it in the
/// service's own error shape. Each service has its own subtype (the codes and wording its docs use).
/// </summary>
public abstract class ApiFailure(string message) : Exception(message)
{
    public abstract int Status { get; }

    public virtual TimeSpan? RetryAfter => null;
}

/// <summary>An error of a service without its own failure type: a code, a message and a status, written in the spec's error shape.</summary>
public sealed class SpecFailure(int status, string code, string message, TimeSpan? retryAfter = null) : ApiFailure(message)
{
    public override int Status { get; } = status;
    public string Code { get; } = code;
    public override TimeSpan? RetryAfter { get; } = retryAfter;
}
