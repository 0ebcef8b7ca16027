using Spectre.Console;
using Specwright.WebScrape;

namespace Specwright.Cli.Commands;

/// <summary>Shows a SmartBrowse wait: a live progress bar on a terminal, one line per change otherwise.</summary>
internal static class RunProgress
{
    public static async Task<SmartBrowseRun> WaitAsync(CliContext ctx, ServiceConnection<WebScrapeClient> connection,
        Func<IProgress<SmartBrowseRun>, Core.Polling.PollingSchedule?, Task<SmartBrowseRun>> wait)
    {
        var schedule = connection.PollingFor(WebScrapeSpec.Operations.GetSmartBrowseRun.Polling);
        if (!ctx.Console.Profile.Capabilities.Interactive)
        {
            string? last = null;
            return await wait(new InlineProgress<SmartBrowseRun>(run =>
            {
                ctx.ResumeHint ??= connection.FollowUp($"specwright webscrape smartbrowse get {run.Id}");
                var line = $"run {run.Id} {run.RunStatus}: {run.PagesExtracted} pages, {run.ItemsExtracted} items";
                if (line != last) ctx.Note(line);
                last = line;
            }), schedule);
        }
        return await ctx.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async p =>
            {
                var task = p.AddTask("dispatching", maxValue: 1);
                var run = await wait(new InlineProgress<SmartBrowseRun>(r =>
                {
                    ctx.ResumeHint ??= connection.FollowUp($"specwright webscrape smartbrowse get {r.Id}");
                    task.Description = $"run {r.Id} {r.RunStatus}: {r.PagesExtracted} pages, {r.ItemsExtracted} items";
                    task.MaxValue = Math.Max(task.MaxValue, r.PagesExtracted + (r.RunStatus.IsTerminal ? 0 : 1));
                    task.Value = r.PagesExtracted;
                }), schedule);
                task.Value = task.MaxValue;
                return run;
            });
    }
}
