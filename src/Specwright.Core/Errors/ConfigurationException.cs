namespace Specwright.Core.Errors;

/// <summary>The client was configured wrongly (missing key, bad base URL); the message names the setting.</summary>
public sealed class ConfigurationException : SpecwrightException
{
    public ConfigurationException(string message) : base(message) { }
}
