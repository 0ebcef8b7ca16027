namespace Specwright.Core.Errors;

/// <summary>Root of every exception the Specwright SDKs throw on purpose.</summary>
public abstract class SpecwrightException : Exception
{
    protected SpecwrightException(string message, Exception? inner = null) : base(message, inner) { }
}
