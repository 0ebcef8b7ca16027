using Specwright.Core.Errors;

namespace Specwright.Core.Webhooks;

/// <summary>A webhook body that is not the documented payload; the message names what was wrong.</summary>
public sealed class WebhookFormatException(string service, string problem, Exception? inner = null)
    : SpecwrightException($"{service} webhook: {problem}", inner)
{
    public string Service { get; } = service;
}
