namespace Specwright.Sandbox.Faults;

/// <summary>
/// One armed fault, as posted to <c>POST /_sandbox/faults</c>. It applies to the next <see cref="Count"/>
/// API calls (of <see cref="Operation"/> only, when set), then disarms itself.
/// </summary>
public sealed record FaultRule
{
    /// <summary>
    /// <c>status</c> (the service's error body for <see cref="Status"/>: 408, 429, 500, 502, 503 or 504),
    /// <c>error</c> (any documented <see cref="Code"/> of the service), <c>delay</c> (answer normally after <see cref="DelayMs"/>), <c>drop</c>
    /// (close the connection without answering), <c>truncate</c> (a 200 whose body is cut off) or
    /// <c>html</c> (a proxy's HTML error page with <see cref="Status"/>, 502 by default).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>How many calls it hits; 1 when omitted.</summary>
    public int? Count { get; init; }
    public int? Status { get; init; }
    public string? Code { get; init; }
    public int? DelayMs { get; init; }

    /// <summary>Seconds for the <c>Retry-After</c> header of <c>status</c>/<c>error</c> faults; none when null.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>An operation id from the spec (e.g. <c>scrape</c>); null matches every call.</summary>
    public string? Operation { get; init; }

    /// <summary>Only calls to this service (<c>webscrape</c>, <c>scrapellm</c>, <c>ittybit</c>); null matches every service.</summary>
    public string? Service { get; init; }

    public static IReadOnlyList<string> Services => Hosting.ServiceModules.Services.Select(s => s.Name).ToList();

    /// <summary>A <c>delay</c> fault's wait (wall-clock time, so the call holds its concurrency slot meanwhile); nothing for other kinds.</summary>
    public Task DelayIfAskedAsync(CancellationToken cancellationToken) =>
        Kind == "delay" ? Task.Delay(TimeSpan.FromMilliseconds(DelayMs!.Value), cancellationToken) : Task.CompletedTask;

    public static readonly IReadOnlyList<string> Kinds = ["status", "error", "delay", "drop", "truncate", "html"];
}
