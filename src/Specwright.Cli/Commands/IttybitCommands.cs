using System.CommandLine;
using Specwright.Core.Serialization;
using Specwright.Ittybit;

namespace Specwright.Cli.Commands;

/// <summary><c>specwright ittybit …</c>: create a task or a chained run (and wait), read them, list tasks and events.</summary>
internal static class IttybitCommands
{
    public static Command Create(CliContext ctx)
    {
        var ittybit = new Command("ittybit", "Ittybit: media tasks (video, image, audio, speech, ...), chained runs, the event log, storage connections and API keys");
        ittybit.Add(CreateTask(ctx));
        ittybit.Add(GetTask(ctx));
        ittybit.Add(CreateRun(ctx));
        ittybit.Add(GetRun(ctx));
        ittybit.Add(ListTasks(ctx));
        ittybit.Add(ListEvents(ctx));
        foreach (var command in IttybitAccessCommands.Create(ctx)) ittybit.Add(command);
        return ittybit;
    }

    private static void Act(Command command, CliContext ctx, Func<ParseResult, ServiceConnection<IttybitClient>, CancellationToken, Task> action) =>
        ServiceConnection<IttybitClient>.Act(command, ctx, Connections.IttybitAsync, action);

    private static Argument<string> KindArgument(string name, string description)
    {
        var kind = new Argument<string>(name) { Description = description + ": " + string.Join(", ", TaskKind.KnownValues) };
        kind.AcceptOnlyFromAmong(TaskKind.KnownValues.Select(k => k.Value).ToArray());
        return kind;
    }

    private static Command CreateTask(CliContext ctx)
    {
        var kind = KindArgument("kind", "The operation");
        var url = new Argument<string>("url") { Description = "The input media URL" };
        var format = new Option<string?>("--format") { Description = "Output format (video mp4|webm|mov, image jpeg|png|webp|avif, ...)" };
        var width = new Option<int?>("--width") { Description = "Output width in pixels (1 or more)" };
        width.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) r.AddError("--width must be 1 or more."); });
        var wait = new Option<bool>("--wait") { Description = "Wait until it succeeds, fails or is cancelled" };
        var cmd = new Command("task", "Create a task (one operation on one URL)") { kind, url, format, width, wait };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var options = new TaskOptions();
            if (p.GetValue(format) is { } f) options.Set("format", f);
            if (p.GetValue(width) is { } w) options.Set("width", w);
            var request = new CreateTaskRequest { Kind = new TaskKind(p.GetValue(kind)!), Url = p.GetValue(url)!, Options = options };
            var waiting = Waiting(ctx, c);
            var task = p.GetValue(wait)
                ? await c.Client.Tasks.CreateAndWaitAsync(request, waiting.TaskProgress, waiting.Schedule, ct)
                : (await c.Client.Tasks.CreateAsync(request, ct)).Value;
            if (!p.GetValue(wait) && !ctx.Json(p))
            {
                ctx.Out.WriteLine(task.Id); // the bare id, for scripts; the state goes to stderr
                ctx.Note($"task {task.Id} is {task.Status}; {c.FollowUp($"specwright ittybit get-task {task.Id} --wait")}");
                return;
            }
            ShowTask(ctx, p, task);
        });
        return cmd;
    }

    private static Command GetTask(CliContext ctx)
    {
        var id = new Argument<string>("task-id");
        var wait = new Option<bool>("--wait") { Description = "Wait until it succeeds, fails or is cancelled" };
        var cmd = new Command("get-task", "Show a task") { id, wait };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var waiting = Waiting(ctx, c);
            ShowTask(ctx, p, p.GetValue(wait)
                ? await c.Client.Tasks.GetOperation(p.GetValue(id)!).WaitForCompletionAsync(waiting.TaskProgress, waiting.Schedule, ct)
                : (await c.Client.Tasks.GetAsync(p.GetValue(id)!, ct)).Value);
        });
        return cmd;
    }

    private static Command CreateRun(CliContext ctx)
    {
        var url = new Argument<string>("url") { Description = "The input media URL (ingested first)" };
        var then = new Option<string[]>("--then")
        {
            Description = "Tasks chained after the ingest, each `kind` or `parent>kind` to chain after an earlier one (e.g. --then video --then speech --then speech>summary)",
            AllowMultipleArgumentsPerToken = true,
        };
        var wait = new Option<bool>("--wait") { Description = "Wait until the whole run is over" };
        var cmd = new Command("run", "Create a run: ingest a URL, then chained tasks") { url, then, wait };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var request = ChainedRun(p.GetValue(url)!, p.GetValue(then) ?? []);
            var waiting = Waiting(ctx, c);
            var run = p.GetValue(wait)
                ? await c.Client.Runs.CreateAndWaitAsync(request, waiting.RunProgress, waiting.Schedule, ct)
                : (await c.Client.Runs.CreateAsync(request, ct)).Value;
            if (!p.GetValue(wait) && !ctx.Json(p))
            {
                ctx.Out.WriteLine(run.Id); // the bare id, for scripts; the state goes to stderr
                ctx.Note($"run {run.Id} is {run.Status}; {c.FollowUp($"specwright ittybit get-run {run.Id} --wait")}");
                return;
            }
            ShowRun(ctx, p, run);
        });
        return cmd;
    }

    /// <summary>An ingest of <paramref name="url"/> with the chain described by <c>kind</c> / <c>parent&gt;kind</c> steps.</summary>
    public static CreateRunRequest ChainedRun(string url, IEnumerable<string> steps)
    {
        var ingest = new TaskDefinition { Kind = TaskKind.Ingest, Options = new TaskOptions().Set("url", url), Next = [] };
        var byKind = new Dictionary<string, TaskDefinition> { ["ingest"] = ingest };
        foreach (var step in steps)
        {
            var (parent, kind) = step.Split('>') is [var a, var b] ? (a, b) : ("ingest", step);
            if (!TaskKind.KnownValues.Any(k => k.Value == kind)) throw new ArgumentException($"--then '{step}': '{kind}' is not a task kind ({string.Join(", ", TaskKind.KnownValues)}).");
            if (!byKind.TryGetValue(parent, out var after)) throw new ArgumentException($"--then '{step}': no earlier '{parent}' task to chain after.");
            var task = new TaskDefinition { Kind = new TaskKind(kind), Next = [] };
            after.Next!.Add(task);
            byKind[kind] = task;
        }
        return new CreateRunRequest { Tasks = [ingest] };
    }

    private static Command GetRun(CliContext ctx)
    {
        var id = new Argument<string>("run-id");
        var wait = new Option<bool>("--wait") { Description = "Wait until the run is over" };
        var cmd = new Command("get-run", "Show a run and its tasks") { id, wait };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var waiting = Waiting(ctx, c);
            ShowRun(ctx, p, p.GetValue(wait)
                ? await c.Client.Runs.GetOperation(p.GetValue(id)!).WaitForCompletionAsync(waiting.RunProgress, waiting.Schedule, ct)
                : (await c.Client.Runs.GetAsync(p.GetValue(id)!, ct)).Value);
        });
        return cmd;
    }

    private static Command ListTasks(CliContext ctx)
    {
        var runId = new Option<string?>("--run") { Description = "Only the tasks of this run" };
        var max = MaxOption();
        var cmd = new Command("tasks", "List tasks, newest first (pages are followed as needed)") { runId, max };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var tasks = await c.Client.Tasks.ListAsync(new ListTasksOptions { RunId = p.GetValue(runId) }, ct).Take(p.GetValue(max)).ToListAsync(ct);
            if (ctx.Json(p))
            {
                Render.Json(ctx, (IList<MediaTask>)tasks, IttybitJsonContext.Default.IListMediaTask);
                return;
            }
            if (tasks.Count == 0) ctx.Note("no tasks");
            foreach (var t in tasks) ctx.Out.WriteLine($"{t.Id} {t.Kind} {t.Status} {t.CreatedAt:u}");
        });
        return cmd;
    }

    /// <summary><c>--max</c>: how many items a list prints, 1 or more.</summary>
    private static Option<int> MaxOption()
    {
        var max = new Option<int>("--max") { Description = "Stop after this many (1 or more)", DefaultValueFactory = _ => 50 };
        max.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--max must be 1 or more."); });
        return max;
    }

    private static Command ListEvents(CliContext ctx)
    {
        var max = MaxOption();
        var cmd = new Command("events", "The event log, newest first") { max };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var events = await c.Client.Events.ListAsync(null, ct).Take(p.GetValue(max)).ToListAsync(ct);
            if (ctx.Json(p))
            {
                Render.Json(ctx, (IList<Event>)events, IttybitJsonContext.Default.IListEvent);
                return;
            }
            if (events.Count == 0) ctx.Note("no events");
            foreach (var e in events) ctx.Out.WriteLine($"{e.Id} {e.Kind} {e.Task?.Id ?? e.Run?.Id} {e.CreatedAt:u}");
        });
        return cmd;
    }

    /// <summary>How the CLI waits: a schedule and progress reports for tasks and runs.</summary>
    public sealed record WaitSettings
    {
        /// <summary>Null: the spec's schedule.</summary>
        public required Core.Polling.PollingSchedule? Schedule { get; init; }
        public required IProgress<MediaTask> TaskProgress { get; init; }
        public required IProgress<Run> RunProgress { get; init; }
    }

    /// <summary>Polls the embedded sandbox briskly and reports each new state; the real service gets the spec's schedule.</summary>
    public static WaitSettings Waiting(CliContext ctx, ServiceConnection<IttybitClient> c)
    {
        Status? lastTask = null, lastRun = null;
        return new WaitSettings
        {
            Schedule = c.PollingFor(IttybitSpec.Operations.GetRun.Polling),
            TaskProgress = new InlineProgress<MediaTask>(t =>
            {
                ctx.ResumeHint ??= c.FollowUp($"specwright ittybit get-task {t.Id} --wait");
                if (t.Status != lastTask) ctx.Note($"task {t.Id}: {t.Status}{(t.Progress is { } pc ? $" {pc}%" : "")}");
                lastTask = t.Status;
            }),
            RunProgress = new InlineProgress<Run>(r =>
            {
                ctx.ResumeHint ??= c.FollowUp($"specwright ittybit get-run {r.Id} --wait");
                if (r.Status != lastRun) ctx.Note($"run {r.Id}: {r.Status} ({r.Tasks?.Count(t => t.Status.IsSuccess) ?? 0}/{r.Tasks?.Count ?? 0} tasks done)");
                lastRun = r.Status;
            }),
        };
    }

    public static void ShowTask(CliContext ctx, ParseResult? p, MediaTask t)
    {
        if (p is not null && ctx.Json(p))
        {
            Render.Json(ctx, t, IttybitJsonContext.Default.MediaTask);
            return;
        }
        ctx.Out.WriteLine($"{t.Id} {t.Kind} {t.Status} (run {t.RunId})");
        foreach (var o in t.Outputs ?? []) ctx.Out.WriteLine($"  -> {o.Type} {o.Width}x{o.Height} {o.Url}");
    }

    public static void ShowRun(CliContext ctx, ParseResult? p, Run r)
    {
        if (p is not null && ctx.Json(p))
        {
            Render.Json(ctx, r, IttybitJsonContext.Default.Run);
            return;
        }
        ctx.Out.WriteLine($"{r.Id} {r.Status}" + (r.FinishedAt is { } end && r.StartedAt is { } start ? $" in {(end - start).TotalSeconds:0} s" : ""));
        foreach (var t in r.Tasks ?? []) ctx.Out.WriteLine($"  {t.Id} {t.Kind} {t.Status}");
    }
}
