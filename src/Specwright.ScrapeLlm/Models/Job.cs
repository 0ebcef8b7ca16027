using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Specwright.ScrapeLlm;

// Why a job failed, for the message of OperationFailedException<Job> (its credits are refunded).
public partial class Job : Specwright.Core.Polling.IFailureReason
{
    string? Specwright.Core.Polling.IFailureReason.FailureReason =>
        (string.IsNullOrEmpty(Error) ? "" : Error.TrimEnd('.') + "; ") + "its credits are refunded";

    /// <summary>
    /// The result of a <c>done</c> job as <typeparamref name="T"/> (the scraper's response type, or
    /// <see cref="ScrapeResponse"/> for the common fields); null while pending or after a failure.
    /// </summary>
    public T? ResultAs<T>() where T : ScrapeResponse =>
        Result?.Json is { ValueKind: JsonValueKind.Object } result
            ? result.Deserialize((JsonTypeInfo<T>)ScrapeLlmJsonContext.Default.GetTypeInfo(typeof(T))!)
            : null;

    public override string ToString() => $"Job {JobId} ({Scraper}, {Status})";
}
