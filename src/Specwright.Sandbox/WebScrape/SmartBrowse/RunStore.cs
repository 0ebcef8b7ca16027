using System.Collections.Concurrent;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Hosting;
using Specwright.WebScrape;

namespace Specwright.Sandbox.WebScrape.SmartBrowse;

/// <summary>
/// Every run of the sandbox. A run is settled exactly once when it ends (billed if it completed, free
/// otherwise, then its webhook sent): by a timer at its end time, or by whichever request sees it ended first.
/// </summary>
public sealed class RunStore(SandboxOptions options, WebhookSender webhooks) : IDisposable
{
    private static readonly TimeSpan QuotaWindow = TimeSpan.FromDays(30);
    // The spec's wait deadline (x-specwright-polling timeoutSeconds) is the run's documented hard cap.
    private static readonly TimeSpan HardTimeout = WebScrapeSpec.Operations.GetSmartBrowseRun.Polling.Timeout;
    private static int CostPerPage => WebScrapeSpec.Operations.DispatchSmartBrowseRun.CreditCost;

    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ITimer> _timers = new(StringComparer.Ordinal);
    private readonly Lock _dispatchGate = new();
    private TimeProvider Clock => options.TimeProvider;

    /// <summary>Starts a run, or says why not (quota, credits). Serialised so concurrent dispatches cannot overrun the quota.</summary>
    public Run Dispatch(Recipe recipe, Account account)
    {
        Run run;
        lock (_dispatchGate)
        {
            var now = Clock.GetUtcNow();
            var used = RunsInWindow(account, now);
            if (used >= options.RunsPerMonthCap)
                throw new WebScrapeError("rate_limited", "smartbrowse run quota exceeded for plan — upgrade for more runs",
                    WebScrapeError.DetailsOf(new RateLimitedDetails { Reason = RateLimitReason.SbRunsPerMonth, Used = used, Limit = options.RunsPerMonthCap, Window = "30d" },
                        WebScrapeJsonContext.Default.RateLimitedDetails));
            var required = WebScrapeSpec.Operations.DispatchSmartBrowseRun.CreditsRequiredUpFront;
            if (!account.TryCharge(0, required, out var balance)) throw WebScrapeError.InsufficientCredits(balance, required);

            var byCredits = balance / CostPerPage;
            var cap = Math.Min(options.PagesPerRunCap, byCredits);
            run = new Run(Ids.RunId(), recipe, account, now, options.RunQueueDelay, recipe.PageDuration ?? options.RunPageDuration,
                HardTimeout, cap, clampedByCredits: byCredits < options.PagesPerRunCap);
            _runs[run.Id] = run;
        }
        ScheduleSettle(run);
        return run;
    }

    /// <summary>A run of this account; another account's run is not found, as in the real API.</summary>
    public Run? Find(string id, Account account) =>
        _runs.TryGetValue(id, out var run) && ReferenceEquals(run.Account, account) ? run : null;

    public Run? Find(string id) => _runs.TryGetValue(id, out var run) ? run : null;

    /// <summary>The run as seen now, settling it first if it has just ended.</summary>
    public SmartBrowseRun Observe(Run run)
    {
        Settle(run);
        return run.At(Clock.GetUtcNow());
    }

    public bool Cancel(Run run, string reason)
    {
        if (!run.TryCancel(Clock.GetUtcNow(), reason)) return false;
        Settle(run);
        return true;
    }

    /// <summary>Bills and notifies once, if the run has ended. Returns false while it is still going.</summary>
    public bool Settle(Run run)
    {
        var now = Clock.GetUtcNow();
        var end = run.End;
        if (now < end.At) return false;
        var final = run.At(now);
        var due = final.RunStatus == RunStatus.Completed ? final.PagesExtracted * CostPerPage : 0;
        if (!run.TrySettle(() => due == 0 ? 0 : run.Account.ChargeUpTo(due))) return true;
        if (_timers.TryRemove(run.Id, out var timer)) timer.Dispose();
        webhooks.Send(run, run.At(now));
        return true;
    }

    public SmartBrowseUsage Usage(Account account)
    {
        var now = Clock.GetUtcNow();
        var last = _runs.Values.Where(r => ReferenceEquals(r.Account, account)).MaxBy(r => r.CreatedAt);
        SmartBrowseLastRun? lastRun = null;
        if (last is not null)
        {
            var seen = Observe(last);
            lastRun = new SmartBrowseLastRun
            {
                Id = last.Id,
                Status = seen.RunStatus,
                PagesExtracted = seen.PagesExtracted,
                EffectiveCap = last.EffectiveCap,
                ClampedByCredits = last.ClampedByCredits,
                CreatedAt = last.CreatedAt,
                CompletedAt = seen.CompletedAt,
            };
        }
        return new SmartBrowseUsage
        {
            RunsUsed30d = RunsInWindow(account, now),
            RunsPerMonthCap = options.RunsPerMonthCap,
            PagesPerRunCap = options.PagesPerRunCap,
            CostPerPage = CostPerPage,
            SchedulesCount = 0,
            SchedulesAllowed = false,
            LastRun = lastRun,
        };
    }

    private int RunsInWindow(Account account, DateTimeOffset now) =>
        _runs.Values.Count(r => ReferenceEquals(r.Account, account) && now - r.CreatedAt < QuotaWindow);

    // Timers may fire a little before the clock reads the end time; then the run is simply rescheduled.
    private void ScheduleSettle(Run run)
    {
        var due = run.End.At - Clock.GetUtcNow();
        var timer = Clock.CreateTimer(_ =>
        {
            if (!Settle(run)) ScheduleSettle(run);
        }, null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        if (_timers.TryGetValue(run.Id, out var old) && !ReferenceEquals(old, timer)) old.Dispose();
        _timers[run.Id] = timer;
        if (run.Charged is not null && _timers.TryRemove(run.Id, out var t)) t.Dispose();
    }

    public void Dispose()
    {
        foreach (var t in _timers.Values) t.Dispose();
        _timers.Clear();
    }
}
