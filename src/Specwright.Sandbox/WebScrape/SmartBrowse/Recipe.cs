namespace Specwright.Sandbox.WebScrape.SmartBrowse;

/// <summary>A recorded SmartBrowse recipe, as the dashboard studio would have saved it, plus how its runs behave in the sandbox.</summary>
public sealed record Recipe
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>Pages the recipe would extract with no cap (initial load + pagination hops).</summary>
    public int Pages { get; init; } = 3;

    public int ItemsPerPage { get; init; } = 29;
    public string Mode { get; init; } = "replay";
    public double Drift { get; init; } = 0.02;

    /// <summary>When set, pagination stalls after this many pages and the run completes early with a warning.</summary>
    public int? StallAfterPages { get; init; }

    /// <summary>When set, the run fails while loading the page after this many.</summary>
    public int? FailAfterPages { get; init; }

    public string FailureMessage { get; init; } = "target page did not load within timeout";

    /// <summary>Overrides the sandbox's time per page for this recipe (e.g. to reach the hard timeout).</summary>
    public TimeSpan? PageDuration { get; init; }

    /// <summary>Where the sandbox POSTs the run-finished payload, as configured on a recipe in the dashboard.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Custom headers sent with each webhook delivery.</summary>
    public IReadOnlyDictionary<string, string> WebhookHeaders { get; init; } = new Dictionary<string, string>();
}
