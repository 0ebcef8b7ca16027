using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Specwright.Core.Diagnostics;

/// <summary>The one ActivitySource and one Meter of all Specwright SDKs.</summary>
public static class SpecwrightTelemetry
{
    public const string Name = "Specwright";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(SpecwrightTelemetry).Assembly.GetName().Version?.ToString());
    public static readonly Meter Meter = new(Name, typeof(SpecwrightTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> Attempts = Meter.CreateCounter<long>("specwright.http.attempts", description: "HTTP attempts sent, retries included");
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("specwright.http.retries", description: "Attempts repeated by the retry policy");
    public static readonly Counter<long> Polls = Meter.CreateCounter<long>("specwright.polls", description: "Status polls made while waiting");
    public static readonly Counter<long> CreditsUsed = Meter.CreateCounter<long>("specwright.credits.used", unit: "{credit}", description: "Credits the API reported as charged");

    /// <summary>Counts credits a response reported as charged, tagged by service and operation.</summary>
    public static void RecordCredits(string service, string operationId, int? credits)
    {
        if (credits is > 0)
            CreditsUsed.Add(credits.Value, new KeyValuePair<string, object?>("specwright.service", service), new KeyValuePair<string, object?>("specwright.operation", operationId));
    }

    /// <summary>One span per logical operation (retries are attempts inside it).</summary>
    public static Activity? StartOperation(string service, string operationId)
    {
        if (!ActivitySource.HasListeners()) return null; // and no span name built for nobody
        var activity = ActivitySource.StartActivity($"{service}.{operationId}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("specwright.service", service);
            activity.SetTag("specwright.operation", operationId);
        }
        return activity;
    }
}
