using Specwright.Core.Errors;

namespace Specwright.Core.Polling;

/// <summary>A wait ended in a failed terminal state; thrown as <c>OperationFailedException&lt;T&gt;</c> with the last state read.</summary>
public abstract class OperationFailedException : SpecwrightException
{
    protected OperationFailedException(string message) : base(message) { }
}

/// <summary>A wait reached its deadline before a terminal state. Services derive a typed one carrying the last state seen.</summary>
public abstract class WaitTimeoutException : SpecwrightException
{
    protected WaitTimeoutException(string message, TimeSpan timeout) : base(message) => Timeout = timeout;

    /// <summary>The deadline that passed.</summary>
    public TimeSpan Timeout { get; }
}
