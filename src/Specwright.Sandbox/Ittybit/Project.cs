using Specwright.Ittybit;
using Specwright.Sandbox.Accounts;

namespace Specwright.Sandbox.Ittybit;

/// <summary>
/// One Ittybit project (one key): its credits and every resource, in creation order. One lock guards it all;
/// timers and requests take it for each change, and models are copied (serialized) under it.
/// </summary>
internal sealed class Project(Account account)
{
    public Account Account { get; } = account;
    public Lock Gate { get; } = new();

    public List<WorkTask> Tasks { get; } = [];
    public List<WorkRun> Runs { get; } = [];
    public List<Automation> Automations { get; } = [];
    public List<WebhookEndpoint> Endpoints { get; } = [];
    public List<Event> Events { get; } = [];
    public List<Connection> Connections { get; } = [];

    /// <summary>The project's keys with their secrets (the first is the one the project was made with).</summary>
    public List<(Key Key, string Secret)> Keys { get; } = [];
}

/// <summary>A task and what the engine needs beyond the model: its chained definitions, input, timer.</summary>
internal sealed class WorkTask(MediaTask model, WorkRun run, IList<TaskDefinition> next, string inputUrl)
{
    public MediaTask Model { get; } = model;
    public WorkRun Run { get; } = run;
    public IList<TaskDefinition> Next { get; } = next;
    public string InputUrl { get; } = inputUrl;
    public ITimer? Timer { get; set; }
}

internal sealed class WorkRun(Run model)
{
    public Run Model { get; } = model;
    public List<WorkTask> Tasks { get; } = [];
}
