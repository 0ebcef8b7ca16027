using Microsoft.Extensions.Logging;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Faults;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Limits;
using Specwright.Sandbox.WebScrape.SmartBrowse;

namespace Specwright.Sandbox;

/// <summary>All state of one sandbox instance. Every part is safe under concurrent requests.</summary>
public sealed class SandboxState : IDisposable
{
    internal SandboxState(SandboxOptions options, ILoggerFactory logs)
    {
        Options = options;
        Accounts = new AccountStore();
        Accounts.Add(SandboxOptions.DemoWebScrapeKey, options.DemoCredits);
        foreach (var (key, credits) in options.WebScrapeKeys) Accounts.Add(key, credits);
        Limiter = new RateLimiter(options.TimeProvider);
        Faults = new FaultInjector();
        Log = new RequestLog();
        Recipes = new RecipeBook();
        Webhooks = new WebhookSender(Log, options.TimeProvider, logs.CreateLogger("Specwright.Sandbox.Webhooks"));
        Runs = new RunStore(options, Webhooks);
        ScrapeLlmAccounts = new AccountStore(key => string.IsNullOrWhiteSpace(key) ? "a ScrapeLLM key must not be empty" : null);
        ScrapeLlmAccounts.Add(SandboxOptions.DemoScrapeLlmKey, options.ScrapeLlmDemoCredits);
        ScrapeLlmJobs = new ScrapeLlm.JobStore(options.TimeProvider);
        IttybitProjects = new Ittybit.IttybitProjects();
        IttybitProjects.AddProjectKey(SandboxOptions.DemoIttybitKey, options.IttybitDemoCredits);
        IttybitProjects.AddOrgKey(SandboxOptions.IttybitOrgKey);
        IttybitEvents = new Ittybit.EventDispatcher(options, Log, logs.CreateLogger("Specwright.Sandbox.Ittybit.Webhooks"));
        IttybitWork = new Ittybit.WorkEngine(options, IttybitEvents, IttybitProjects);
    }

    public SandboxOptions Options { get; }
    public AccountStore Accounts { get; }
    public RateLimiter Limiter { get; }
    public FaultInjector Faults { get; }
    public RequestLog Log { get; }
    public RecipeBook Recipes { get; }
    public RunStore Runs { get; }
    internal WebhookSender Webhooks { get; }

    /// <summary>ScrapeLLM keys (any non-empty string) and their credits.</summary>
    public AccountStore ScrapeLlmAccounts { get; }
    internal ScrapeLlm.JobStore ScrapeLlmJobs { get; }

    /// <summary>ScrapeLLM's answers and hosted markdown copies, shared by its simulation and its dialect (which serves the copies).</summary>
    internal ScrapeLlm.ScrapeLlmHandlers ScrapeLlmHandlers => _scrapeLlmHandlers ??= new ScrapeLlm.ScrapeLlmHandlers(this);

    private ScrapeLlm.ScrapeLlmHandlers? _scrapeLlmHandlers;

    /// <summary>Ittybit keys: each project key is a project with its own tasks, runs, automations, endpoints and events.</summary>
    public Ittybit.IttybitProjects IttybitProjects { get; }
    internal Ittybit.EventDispatcher IttybitEvents { get; }
    internal Ittybit.WorkEngine IttybitWork { get; }

    public void Dispose()
    {
        IttybitWork.Dispose();
        IttybitEvents.Dispose();
        Runs.Dispose();
        ScrapeLlmJobs.Dispose();
        Webhooks.Dispose();
    }
}
