using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Specwright.Core.Serialization;
using Specwright.Ittybit;
using Specwright.Sandbox.Hosting;
using Ctx = Specwright.Ittybit.IttybitJsonContext;

namespace Specwright.Sandbox.Ittybit;

/// <summary>The Ittybit operations against one project. Each takes the project's lock for its reads and changes.</summary>
internal sealed partial class IttybitHandlers(SandboxState state, WorkEngine engine, EventDispatcher events)
{
    private static readonly Reply NoContent = new(204, [], ContentType: "");

    private DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(state.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds());

    // ---------------------------------------------------------------- tasks and runs

    public async Task<Reply> CreateTaskAsync(HttpContext http, Project project)
    {
        var req = await ReadAsync(http, Ctx.Default.CreateTaskRequest);
        if (string.IsNullOrWhiteSpace(req.Url)) throw IttybitFailure.Of("url_required");
        var definition = new TaskDefinition { Kind = req.Kind, Options = (req.Options ?? new TaskOptions()).Set("url", req.Url) };
        Check(definition, "");
        var emitted = new List<Event>();
        Reply reply;
        lock (project.Gate)
        {
            Charge(project, 1);
            var task = engine.StartRun(project, [definition], req.Metadata, "key_sandbox", emitted).Tasks[0].Model;
            if (req.Metadata is not null) task.Metadata = req.Metadata;
            reply = Json.Reply(201, task, Ctx.Default.MediaTask);
        }
        events.Deliver(project, emitted);
        return reply;
    }

    public Reply GetTask(Project project, string id)
    {
        lock (project.Gate)
            return project.Tasks.FirstOrDefault(t => t.Model.Id == id) is { } t
                ? Json.Reply(200, t.Model, Ctx.Default.MediaTask)
                : throw IttybitFailure.Of("task_not_found");
    }

    public Reply ListTasks(HttpContext http, Project project)
    {
        var q = http.Request.Query;
        var status = q["status"].ToString();
        var kind = q["kind"].ToString();
        var runId = q["run_id"].ToString();
        var createdBy = q["created_by"].ToString();
        lock (project.Gate)
        {
            var matching = project.Tasks.Select(t => t.Model)
                .Where(t => (status.Length == 0 || t.Status.Value == status) && (kind.Length == 0 || t.Kind.Value == kind)
                            && (runId.Length == 0 || t.RunId == runId) && (createdBy.Length == 0 || createdBy == "key_sandbox"))
                .ToList();
            return Paging.Page(http, matching, t => t.Id, Ctx.Default.IListMediaTask);
        }
    }

    public async Task<Reply> CreateRunAsync(HttpContext http, Project project)
    {
        var req = await ReadAsync(http, Ctx.Default.CreateRunRequest);
        if (req.Tasks is not { Count: > 0 }) throw IttybitFailure.Of("request_invalid", "'tasks' must hold at least one task.");
        for (var i = 0; i < req.Tasks.Count; i++) Check(req.Tasks[i], $"tasks[{i}]");
        // The tasks run in order, each on the output of the one before: only the first needs a source URL.
        if (WorkEngine.InputOf(req.Tasks[0]).Length == 0)
            throw IttybitFailure.Of("url_required", "tasks[0] needs its source URL as options.url (the later tasks work on its output).");
        return StartRun(project, req.Tasks, req.Metadata, 201);
    }

    public Reply GetRun(Project project, string id)
    {
        lock (project.Gate)
            return project.Runs.FirstOrDefault(r => r.Model.Id == id) is { } r
                ? Json.Reply(200, r.Model, Ctx.Default.Run)
                : throw IttybitFailure.Of("run_not_found");
    }

    public Reply ListRuns(HttpContext http, Project project)
    {
        var status = http.Request.Query["status"].ToString();
        lock (project.Gate)
        {
            var matching = project.Runs.Select(r => r.Model).Where(r => status.Length == 0 || r.Status.Value == status).ToList();
            return Paging.Page(http, matching, r => r.Id, Ctx.Default.IListRun);
        }
    }

    private Reply StartRun(Project project, IList<TaskDefinition> definitions, Metadata? metadata, int status)
    {
        var emitted = new List<Event>();
        Reply reply;
        lock (project.Gate)
        {
            Charge(project, Count(definitions));
            reply = Json.Reply(status, engine.StartRun(project, definitions, metadata, "key_sandbox", emitted).Model, Ctx.Default.Run);
        }
        events.Deliver(project, emitted);
        return reply;
    }

    // ---------------------------------------------------------------- automations

    public async Task<Reply> CreateAutomationAsync(HttpContext http, Project project)
    {
        var req = await ReadAsync(http, Ctx.Default.CreateAutomationRequest);
        if (string.IsNullOrWhiteSpace(req.Name)) throw IttybitFailure.Of("request_invalid", "'name' is required.");
        CheckWorkflow(req.Workflow);
        var now = Now;
        var automation = new Automation
        {
            Id = "auto_" + Ids.Base62String(12), Object = "automation", Name = req.Name, Description = req.Description,
            Workflow = req.Workflow, Status = req.Status ?? AutomationStatus.Active, CreatedBy = "key_sandbox", CreatedAt = now, UpdatedAt = now,
        };
        lock (project.Gate)
        {
            project.Automations.Add(automation);
            return Json.Reply(201, automation, Ctx.Default.Automation);
        }
    }

    public Reply GetAutomation(Project project, string id)
    {
        lock (project.Gate) return Json.Reply(200, FindAutomation(project, id), Ctx.Default.Automation);
    }

    public async Task<Reply> UpdateAutomationAsync(HttpContext http, Project project, string id)
    {
        var req = await ReadAsync(http, Ctx.Default.UpdateAutomationRequest);
        if (req.Name is { } name && string.IsNullOrWhiteSpace(name)) throw IttybitFailure.Of("request_invalid", "'name' must not be empty.");
        if (req.Workflow is not null) CheckWorkflow(req.Workflow);
        lock (project.Gate)
        {
            var a = FindAutomation(project, id);
            if (req.Name is not null) a.Name = req.Name;
            if (req.Description is not null) a.Description = req.Description;
            if (req.Workflow is not null) a.Workflow = req.Workflow;
            if (req.Status is { } s) a.Status = s;
            a.UpdatedAt = Now;
            return Json.Reply(200, a, Ctx.Default.Automation);
        }
    }

    public Reply DeleteAutomation(Project project, string id)
    {
        lock (project.Gate)
        {
            project.Automations.Remove(FindAutomation(project, id));
            return NoContent;
        }
    }

    public async Task<Reply> RunAutomationAsync(HttpContext http, Project project, string id)
    {
        var req = await ReadAsync(http, Ctx.Default.RunAutomationRequest);
        if (string.IsNullOrWhiteSpace(req.Url)) throw IttybitFailure.Of("url_required");
        List<TaskDefinition> workflow;
        lock (project.Gate)
        {
            var a = FindAutomation(project, id);
            if (a.Status != AutomationStatus.Active) throw IttybitFailure.Of("request_invalid", $"Automation {a.Id} is {a.Status}; activate it to run it.");
            // The input URL goes to the workflow's top-level tasks; chained tasks take their parent's output.
            var copy = JsonSerializer.SerializeToUtf8Bytes(a.Workflow, Ctx.Default.IListTaskDefinition);
            workflow = JsonSerializer.Deserialize(copy, Ctx.Default.IListTaskDefinition)!.ToList();
        }
        foreach (var top in workflow) top.Options = (top.Options ?? new TaskOptions()).Set("url", req.Url);
        return StartRun(project, workflow, req.Metadata, 201);
    }

    public Reply ListAutomations(HttpContext http, Project project)
    {
        var status = http.Request.Query["status"].ToString();
        lock (project.Gate)
        {
            var matching = project.Automations.Where(a => status.Length == 0 || a.Status.Value == status).ToList();
            return Paging.Page(http, matching, a => a.Id, Ctx.Default.IListAutomation);
        }
    }

    private static Automation FindAutomation(Project project, string id) =>
        project.Automations.FirstOrDefault(a => a.Id == id) ?? throw IttybitFailure.Of("automation_not_found");

    // ---------------------------------------------------------------- webhook endpoints and events

    public async Task<Reply> CreateEndpointAsync(HttpContext http, Project project)
    {
        var req = await ReadAsync(http, Ctx.Default.CreateWebhookEndpointRequest);
        CheckEndpoint(req.Url, req.Topics);
        var now = Now;
        var endpoint = new WebhookEndpoint
        {
            Id = "we_" + Ids.Base62String(12), Object = "webhook_endpoint", Url = req.Url, Topics = req.Topics,
            Status = WebhookEndpointStatus.Active, CreatedAt = now, UpdatedAt = now,
        };
        lock (project.Gate)
        {
            project.Endpoints.Add(endpoint);
            return Json.Reply(201, endpoint, Ctx.Default.WebhookEndpoint);
        }
    }

    public async Task<Reply> UpdateEndpointAsync(HttpContext http, Project project, string id)
    {
        var req = await ReadAsync(http, Ctx.Default.UpdateWebhookEndpointRequest);
        if (req.Url is not null || req.Topics is not null) CheckEndpoint(req.Url ?? "https://unchanged", req.Topics ?? [EventKind.TaskCreated]);
        lock (project.Gate)
        {
            var e = FindEndpoint(project, id);
            if (req.Url is not null) e.Url = req.Url;
            if (req.Topics is not null) e.Topics = req.Topics;
            if (req.Status is { } s) e.Status = s;
            e.UpdatedAt = Now;
            return Json.Reply(200, e, Ctx.Default.WebhookEndpoint);
        }
    }

    public Reply DeleteEndpoint(Project project, string id)
    {
        lock (project.Gate)
        {
            project.Endpoints.Remove(FindEndpoint(project, id));
            return NoContent;
        }
    }

    public Reply ListEndpoints(HttpContext http, Project project)
    {
        lock (project.Gate)
            return Paging.Page(http, project.Endpoints.ToList(), e => e.Id, Ctx.Default.IListWebhookEndpoint);
    }

    public Reply GetEvent(Project project, string id)
    {
        lock (project.Gate)
            return project.Events.FirstOrDefault(e => e.Id == id) is { } e
                ? Json.Reply(200, e, Ctx.Default.Event)
                : throw IttybitFailure.Of("event_not_found");
    }

    public Reply ListEvents(HttpContext http, Project project)
    {
        var kind = http.Request.Query["kind"].ToString();
        lock (project.Gate)
        {
            var matching = project.Events.Where(e => kind.Length == 0 || e.Kind.Value == kind).ToList();
            return Paging.Page(http, matching, e => e.Id, Ctx.Default.IListEvent);
        }
    }

    private static WebhookEndpoint FindEndpoint(Project project, string id) =>
        project.Endpoints.FirstOrDefault(e => e.Id == id) ?? throw IttybitFailure.Of("webhook_endpoint_not_found");

    /// <summary>HTTPS only, as the vendor says; the sandbox also takes plain HTTP to loopback, where local receivers listen.</summary>
    private static void CheckEndpoint(string? url, IList<EventKind>? topics)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            throw IttybitFailure.Of("request_invalid", $"'url' must be an absolute HTTPS URL (got '{url}').");
        if (topics is not { Count: > 0 }) throw IttybitFailure.Of("request_invalid", "'topics' must name at least one topic.");
        if (topics.Where(t => !t.IsKnown).Select(t => t.Value).FirstOrDefault() is { } unknown)
            throw IttybitFailure.Of("request_invalid", $"'{unknown}' is not a topic. Topics: {string.Join(", ", EventKind.KnownValues)}.");
    }

    // ---------------------------------------------------------------- shared checks

    private static void CheckWorkflow(IList<TaskDefinition>? workflow)
    {
        if (workflow is not { Count: > 0 }) throw IttybitFailure.Of("request_invalid", "'workflow' must hold at least one task.");
        for (var i = 0; i < workflow.Count; i++) Check(workflow[i], $"workflow[{i}]");
    }

    /// <summary>A known kind, and a format that kind supports, here and in every chained task.</summary>
    private static void Check(TaskDefinition d, string where)
    {
        var at = where.Length == 0 ? "" : where + ".";
        if (string.IsNullOrEmpty(d.Kind.Value)) throw IttybitFailure.Of("request_invalid", $"'{at}kind' is required.");
        if (!d.Kind.IsKnown) throw IttybitFailure.Of("request_invalid", $"'{at}kind' is '{d.Kind}', not a task kind. Kinds: {string.Join(", ", TaskKind.KnownValues)}.");
        if (d.Options?.Get("format") is { } format)
        {
            if (format.ValueKind != JsonValueKind.String) throw IttybitFailure.Of("request_invalid", $"'{at}options.format' must be a string.");
            if (Formats.Refuse(d.Kind, format.GetString()!) is { } why) throw IttybitFailure.Of("format_unsupported", why);
        }
        for (var i = 0; i < (d.Next?.Count ?? 0); i++) Check(d.Next![i], $"{at}next[{i}]");
    }

    private static int Count(IEnumerable<TaskDefinition> definitions) => definitions.Sum(d => 1 + Count(d.Next ?? []));

    /// <summary>One credit per task (CHOICE: the vendor publishes no per-kind cost). Call under the project's lock.</summary>
    private static void Charge(Project project, int tasks)
    {
        if (!project.Account.TryCharge(tasks, tasks, out _))
            throw IttybitFailure.Of("payment_required", $"This needs {tasks} credit(s) and the project has {project.Account.Balance}. Visit billing to continue.");
    }

    private async Task<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type) where T : class
    {
        var max = state.Options.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max) throw IttybitFailure.Of("request_invalid", $"The body is larger than {max} bytes.");
        try
        {
            return await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted)
                   ?? throw IttybitFailure.Of("request_invalid", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw IttybitFailure.Of("request_invalid", $"The body is not valid: {e.Message}");
        }
    }
}
