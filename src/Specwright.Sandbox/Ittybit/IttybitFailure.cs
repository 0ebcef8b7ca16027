using Specwright.Ittybit;

namespace Specwright.Sandbox.Ittybit;

/// <summary>An Ittybit error answer: <c>{"kind", "message"}</c> with the status the spec gives the kind.</summary>
internal sealed class IttybitFailure(string kind, string message, int status, TimeSpan? retryAfter = null) : Hosting.ApiFailure(message)
{
    public string Kind { get; } = kind;
    public override int Status { get; } = status;
    public override TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>A documented kind, with its status from the spec and the docs' style of message.</summary>
    public static IttybitFailure Of(string kind, string? message = null, TimeSpan? retryAfter = null) =>
        new(kind, message ?? DefaultMessage(kind),
            IttybitErrorFactory.StatusForCode(kind) is > 0 and var s ? s : throw new ArgumentException($"'{kind}' is not an Ittybit error kind of the spec."),
            retryAfter);

    private static string DefaultMessage(string kind) => kind switch
    {
        "token_missing" => "No API key was sent. Send it as Authorization: Bearer <key>.",
        "token_invalid" => "The API key is invalid or revoked. Check the key in the web app.",
        "project_required" => "This endpoint requires a project-scoped API key.",
        "request_invalid" => "The request body failed validation.",
        "url_required" => "A source URL is required. Send the media file's URL as 'url'.",
        "format_unsupported" => "The format is not supported for this task kind.",
        "task_not_found" => "The task does not exist. Verify the task ID.",
        "run_not_found" => "The run does not exist. Verify the run ID.",
        "automation_not_found" => "The automation does not exist. Verify the automation ID.",
        "webhook_endpoint_not_found" => "The webhook endpoint does not exist. Verify the endpoint ID.",
        "event_not_found" => "The event does not exist. Verify the event ID.",
        "connection_not_found" => "The connection does not exist. Verify the connection ID.",
        "key_not_found" => "The key does not exist. Verify the key ID.",
        "payment_required" => "Your project has no credits left. Visit billing to continue.",
        "rate_limited" => "Rate limit exceeded. Reduce the frequency of requests.",
        _ => "An unexpected error occurred. Please contact support.",
    };
}
