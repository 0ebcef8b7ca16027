using System.Text.Json;
using Specwright.Core.Serialization;
using Specwright.Ittybit;
using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Ittybit;

/// <summary>
/// Runs tasks through the status model on the sandbox clock: each step takes <see cref="SandboxOptions.IttybitStepDuration"/>
/// (<c>waiting</c> -> <c>validating</c> -> <c>queued</c> -> <c>processing</c> -> <c>finishing</c> -> <c>succeeded</c>). A task whose
/// input URL contains <c>fail</c> fails while processing; its chained tasks are then cancelled. A run's top-level tasks
/// run one after another (the vendor's runs page); a task's <c>next</c> tasks start together when it succeeds, each
/// taking its output as input. A run follows its tasks. Every change is an event.
/// </summary>
internal sealed class WorkEngine(SandboxOptions options, EventDispatcher events, IttybitProjects projects) : IDisposable
{
    private static readonly Status[] Steps = [Status.Waiting, Status.Validating, Status.Queued, Status.Processing, Status.Finishing, Status.Succeeded];

    private TimeProvider Clock => options.TimeProvider;
    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(Clock.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>Starts a run of <paramref name="definitions"/> (top-level tasks in order). Call under the project's lock.</summary>
    public WorkRun StartRun(Project project, IList<TaskDefinition> definitions, Metadata? metadata, string createdBy, List<Event> emitted)
    {
        var now = Now;
        var run = new WorkRun(new Run
        {
            Id = "run_" + Ids.Base62String(12), Object = "run", Status = Status.Waiting, Progress = 0,
            Metadata = metadata ?? new Metadata(), CreatedBy = createdBy, CreatedAt = now, UpdatedAt = now, Tasks = [],
        });
        project.Runs.Add(run);
        emitted.Add(events.Record(project, EventKind.RunCreated, run.Model));
        var first = Sequence(definitions);
        Start(project, CreateTask(project, run, first, null, InputOf(first), emitted));
        return run;
    }

    /// <summary>
    /// Top-level tasks as one chain: each is a <c>next</c> of the one before it (after that one's own <c>next</c>
    /// tasks), so <c>[ingest, video, speech]</c> runs ingest, then video, then speech. The request is not changed.
    /// </summary>
    internal static TaskDefinition Sequence(IList<TaskDefinition> definitions)
    {
        var chained = definitions[^1];
        for (var i = definitions.Count - 2; i >= 0; i--)
        {
            var d = definitions[i];
            chained = new TaskDefinition { Kind = d.Kind, Options = d.Options, Ref = d.Ref, Next = [.. d.Next ?? [], chained] };
        }
        return chained;
    }

    private WorkTask CreateTask(Project project, WorkRun run, TaskDefinition definition, WorkTask? parent, string inputUrl, List<Event> emitted)
    {
        var now = Now;
        var task = new WorkTask(new MediaTask
        {
            Id = "task_" + Ids.Base62String(12), Object = "task", Kind = definition.Kind, Status = Status.Waiting,
            RunId = run.Model.Id, ParentId = parent?.Model.Id, Progress = null, Options = definition.Options ?? new TaskOptions(),
            Inputs = [Json.Url(inputUrl)], Outputs = [], Metadata = new Metadata(), CreatedAt = now, UpdatedAt = now,
        }, run, definition.Next ?? [], inputUrl);
        project.Tasks.Add(task);
        run.Tasks.Add(task);
        run.Model.Tasks!.Add(new RunTaskSummary { Id = task.Model.Id, Kind = task.Model.Kind, Status = task.Model.Status });
        emitted.Add(events.Record(project, EventKind.TaskCreated, task.Model));
        return task;
    }

    private void Start(Project project, WorkTask task)
    {
        task.Timer = Clock.CreateTimer(_ => Step(project, task), null, options.IttybitStepDuration, options.IttybitStepDuration);
    }

    private void Step(Project project, WorkTask task)
    {
        var emitted = new List<Event>();
        lock (project.Gate)
        {
            var model = task.Model;
            if (model.Status.IsTerminal) return;
            var next = Steps[Array.IndexOf(Steps, model.Status) + 1];
            var now = Now;
            model.StartedAt ??= now;
            model.UpdatedAt = now;
            if (next == Status.Processing && task.InputUrl.Contains("fail", StringComparison.OrdinalIgnoreCase))
            {
                Finish(project, task, Status.Failed, new TaskError { Kind = "task_failed", Message = $"The input could not be processed ({task.InputUrl})." }, emitted);
            }
            else if (next == Status.Succeeded)
            {
                model.Progress = 100;
                model.Outputs!.Add(Output(model));
                Finish(project, task, Status.Succeeded, null, emitted);
                foreach (var definition in task.Next)
                    Start(project, CreateTask(project, task.Run, definition, task, model.Outputs[0].Url!, emitted));
            }
            else
            {
                model.Status = next;
                model.Progress = next == Status.Processing ? 50 : next == Status.Finishing ? 100 : 0;
                emitted.Add(events.Record(project, EventKind.TaskUpdated, model));
            }
            UpdateRun(project, task.Run, emitted);
        }
        events.Deliver(project, emitted);
    }

    private void Finish(Project project, WorkTask task, Status status, TaskError? error, List<Event> emitted)
    {
        task.Timer?.Dispose();
        var model = task.Model;
        model.Status = status;
        model.Error = error;
        model.FinishedAt = model.UpdatedAt = Now;
        emitted.Add(events.Record(project, status == Status.Succeeded ? EventKind.TaskSucceeded : status == Status.Failed ? EventKind.TaskFailed : EventKind.TaskUpdated, model));
        if (status == Status.Failed) CancelChain(project, task, emitted);
    }

    /// <summary>A failed task's chained tasks never start: they are created <c>cancelled</c>, so the run shows them.</summary>
    private void CancelChain(Project project, WorkTask failed, List<Event> emitted)
    {
        foreach (var definition in failed.Next)
        {
            var child = CreateTask(project, failed.Run, definition, failed, failed.InputUrl, emitted);
            Finish(project, child, Status.Cancelled, null, emitted);
        }
    }

    private void UpdateRun(Project project, WorkRun run, List<Event> emitted)
    {
        var model = run.Model;
        // The summaries were added with the tasks, in the same order.
        foreach (var (summary, task) in model.Tasks!.Zip(run.Tasks, (s, t) => (s, t.Model)))
            (summary.Status, summary.Progress) = (task.Status, task.Progress);
        var statuses = run.Tasks.Select(t => t.Model.Status).ToList();
        var status = statuses.All(s => s.IsTerminal)
            ? statuses.Contains(Status.Failed) ? Status.Failed : statuses.Contains(Status.Cancelled) ? Status.Cancelled : Status.Succeeded
            : statuses.All(s => s == Status.Waiting) ? Status.Waiting : Status.Processing;
        model.Progress = (int)run.Tasks.Average(t => t.Model.Status.IsTerminal ? 100 : t.Model.Progress ?? 0);
        if (status == model.Status) return;
        var now = Now;
        model.Status = status;
        model.UpdatedAt = now;
        if (status != Status.Waiting) model.StartedAt ??= now;
        if (status.IsTerminal)
        {
            model.FinishedAt = now;
            model.Error = status == Status.Failed ? new TaskError { Kind = "task_failed", Message = "One or more tasks failed." } : null;
        }
        emitted.Add(events.Record(project, status == Status.Succeeded ? EventKind.RunSucceeded : status == Status.Failed ? EventKind.RunFailed : EventKind.RunUpdated, model));
    }

    /// <summary>The input URL of a top-level task: its <c>options.url</c>.</summary>
    public static string InputOf(TaskDefinition definition) =>
        definition.Options?.Get("url") is { ValueKind: JsonValueKind.String } url ? url.GetString()! : "";

    private static TaskOutput Output(MediaTask task)
    {
        var format = task.Options?.Get("format") is { ValueKind: JsonValueKind.String } f ? f.GetString()! : Formats.DefaultFor(task.Kind);
        var media = task.Kind == TaskKind.Image || task.Kind == TaskKind.Thumbnails ? "image" : task.Kind == TaskKind.Audio || task.Kind == TaskKind.Speech ? "audio" : "video";
        return new TaskOutput
        {
            Id = "file_" + Ids.Base62String(12), Kind = task.Kind.Value, Type = $"{media}/{format}",
            Width = media == "audio" ? null : 1280, Height = media == "audio" ? null : 720, Duration = media == "image" ? null : 12.5,
            Filesize = 1_048_576, Url = $"https://sandbox.ittybit.net/{task.Id}/output.{format}",
        };
    }

    public void Dispose()
    {
        foreach (var project in projects.All)
            lock (project.Gate)
                foreach (var task in project.Tasks) task.Timer?.Dispose();
    }
}
