using System.Text.Json;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Site;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape.SmartBrowse;

/// <summary>
/// One SmartBrowse run. Its state is a pure function of the clock: queued until it starts, then one page
/// per page duration, ending at the first of completion, failure, the hard timeout or cancellation.
/// Billing and the webhook happen once, in <see cref="RunStore.Settle"/>.
/// </summary>
public sealed class Run
{
    private readonly Lock _gate = new();

    internal Run(string id, Recipe recipe, Account account, DateTimeOffset createdAt, TimeSpan queueDelay, TimeSpan pageDuration,
        TimeSpan hardTimeout, int effectiveCap, bool clampedByCredits)
    {
        Id = id;
        Recipe = recipe;
        Account = account;
        CreatedAt = createdAt;
        StartsAt = createdAt + queueDelay;
        PageDuration = pageDuration;
        HardDeadline = createdAt + hardTimeout;
        EffectiveCap = effectiveCap;
        ClampedByCredits = clampedByCredits;
        PlannedPages = Math.Min(recipe.StallAfterPages ?? recipe.Pages, effectiveCap);
    }

    public string Id { get; }
    public Recipe Recipe { get; }
    public Account Account { get; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset StartsAt { get; }
    public TimeSpan PageDuration { get; }
    public DateTimeOffset HardDeadline { get; }
    public int EffectiveCap { get; }
    public bool ClampedByCredits { get; }
    public int PlannedPages { get; }

    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }

    /// <summary>Credits actually taken on completion; null until the run is settled.</summary>
    public int? Charged { get; private set; }

    /// <summary>Runs <paramref name="charge"/> and records what it took, unless the run was already settled.</summary>
    internal bool TrySettle(Func<int> charge)
    {
        lock (_gate)
        {
            if (Charged is not null) return false;
            Charged = charge();
            return true;
        }
    }

    internal bool TryCancel(DateTimeOffset now, string reason)
    {
        lock (_gate)
        {
            if (Charged is not null || CancelledAt is not null || At(now).RunStatus.IsTerminal) return false;
            CancelledAt = now;
            CancelReason = reason;
            return true;
        }
    }

    /// <summary>When the run ends, and how.</summary>
    public (DateTimeOffset At, RunStatus Status, string? Error) End
    {
        get
        {
            var finish = StartsAt + PageDuration * PlannedPages;
            var end = (At: finish, Status: RunStatus.Completed, Error: (string?)null);
            if (Recipe.FailAfterPages is { } k && k < PlannedPages)
                end = (StartsAt + PageDuration * (k + 1), RunStatus.Failed, Recipe.FailureMessage);
            if (HardDeadline < end.At)
                end = (HardDeadline, RunStatus.Failed, $"run exceeded the hard timeout of {(HardDeadline - CreatedAt).TotalMinutes:0} minutes");
            if (CancelledAt is { } c && c < end.At)
                end = (c, RunStatus.Cancelled, CancelReason);
            return end;
        }
    }

    /// <summary>The run as a poll at <paramref name="now"/> sees it.</summary>
    public SmartBrowseRun At(DateTimeOffset now)
    {
        var end = End;
        var terminal = now >= end.At;
        var clock = terminal ? end.At : now;
        var status = terminal ? end.Status : clock < StartsAt ? RunStatus.Queued : RunStatus.Running;
        var pages = clock < StartsAt ? 0 : Math.Min(PlannedPages, (int)((clock - StartsAt) / PageDuration));
        if (terminal && status == RunStatus.Completed) pages = PlannedPages;
        if (terminal && status == RunStatus.Failed && Recipe.FailAfterPages is { } failedAt) pages = Math.Min(pages, failedAt);
        var accrued = pages * WebScrapeSpec.Operations.DispatchSmartBrowseRun.CreditCost;
        return new SmartBrowseRun
        {
            Id = Id,
            RecipeId = Recipe.Id,
            RunStatus = status,
            PagesExtracted = pages,
            ItemsExtracted = pages * Recipe.ItemsPerPage,
            CreditsUsed = status == RunStatus.Completed ? Charged ?? accrued : status.IsFailure ? 0 : accrued,
            CreatedAt = CreatedAt,
            StartedAt = clock >= StartsAt ? StartsAt : null,
            CompletedAt = terminal ? end.At : null,
            Error = terminal && status.IsFailure ? end.Error : null,
            Result = terminal && status == RunStatus.Completed ? Result(pages) : null,
        };
    }

    private SmartBrowseResult Result(int pages) => new()
    {
        Pages = Enumerable.Range(0, pages).Select(p => new SmartBrowsePage
        {
            Items = Catalogue.Range(p * Recipe.ItemsPerPage, Recipe.ItemsPerPage)
                .Select(item => JsonSerializer.SerializeToElement(new ItemRow(item.Name, item.Price), SandboxJsonContext.Default.ItemRow))
                .ToList(),
        }).ToList(),
        Mode = Recipe.Mode,
        Drift = Recipe.Drift,
        Warnings = Warnings(pages),
    };

    private List<string> Warnings(int pages)
    {
        var warnings = new List<string>();
        if (Recipe.StallAfterPages is { } stall && stall < Recipe.Pages && pages == stall)
            warnings.Add($"pagination stalled after page {stall} of {Recipe.Pages}");
        if (PlannedPages < (Recipe.StallAfterPages ?? Recipe.Pages) && pages == PlannedPages)
            warnings.Add(ClampedByCredits
                ? $"stopped at {PlannedPages} pages: the balance at dispatch covered no more"
                : $"stopped at the plan's cap of {PlannedPages} pages per run");
        return warnings;
    }
}

/// <summary>An extracted item of the sandbox recipes (the saved schema is name + price).</summary>
public sealed record ItemRow(string Name, string Price);
