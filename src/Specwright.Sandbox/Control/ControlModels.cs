namespace Specwright.Sandbox.Control;

/// <summary>Body of <c>POST /_sandbox/webscrape/keys</c>: creates a key (random when omitted) or updates one.</summary>
public sealed record KeyRequest
{
    public string? Key { get; init; }
    public int? Credits { get; init; }
    public bool? EmailVerified { get; init; }
    public bool? ReadOnly { get; init; }
    public DateTimeOffset? DeletionScheduledFor { get; init; }
    public int? RequestsPerMinute { get; init; }
    public int? MaxConcurrentRequests { get; init; }
}

/// <summary>A key's account as the control API shows it.</summary>
public sealed record KeyInfo(string Key, int Credits, bool EmailVerified, bool ReadOnly, DateTimeOffset? DeletionScheduledFor);

/// <summary>Body of <c>PUT /_sandbox/webscrape/recipes/{id}</c>; omitted fields keep the recipe's (or the defaults').</summary>
public sealed record RecipeRequest
{
    public string? Name { get; init; }
    public int? Pages { get; init; }
    public int? ItemsPerPage { get; init; }
    public double? Drift { get; init; }
    public string? Mode { get; init; }
    public int? StallAfterPages { get; init; }
    public int? FailAfterPages { get; init; }
    public string? FailureMessage { get; init; }
    public int? PageDurationMs { get; init; }
    public Uri? WebhookUrl { get; init; }
    public Dictionary<string, string>? WebhookHeaders { get; init; }
}

/// <summary><c>GET /_sandbox/stats</c>: what the server received, per operation and per status, and webhooks sent.</summary>
public sealed record StatsInfo(Dictionary<string, int> Requests, Dictionary<string, int> Statuses, int WebhookDeliveries);

public sealed record ControlError(string Error);
