using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Specwright.Sandbox.Accounts;
using Specwright.Sandbox.Faults;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.WebScrape;
using Specwright.Sandbox.WebScrape.SmartBrowse;

namespace Specwright.Sandbox.Control;

/// <summary>
/// <c>/_sandbox</c>: arm faults, add keys and recipes, cancel runs, redeliver Ittybit events, read what the server saw. No key
/// needed; it exists only in the sandbox. Errors are <c>{"error": "..."}</c> with 400 or 404.
/// </summary>
internal sealed class ControlApi
{
    public const string Prefix = "/_sandbox";
    private readonly SandboxState _state;
    private readonly RouteTable<Func<HttpContext, Dictionary<string, string>, Task>> _routes;

    public ControlApi(SandboxState state)
    {
        _state = state;
        _routes = new RouteTable<Func<HttpContext, Dictionary<string, string>, Task>>()
            .Add("POST", "/faults", "armFault", ArmFaultAsync)
            .Add("GET", "/faults", "listFaults", (h, _) => WriteAsync(h, 200, _state.Faults.Pending().ToList(), SandboxJsonContext.Default.ListFaultRule))
            .Add("DELETE", "/faults", "clearFaults", (h, _) => { _state.Faults.Clear(); h.Response.StatusCode = 204; return Task.CompletedTask; })
            .Add("GET", "/stats", "stats", (h, _) => WriteAsync(h, 200, Stats(), SandboxJsonContext.Default.StatsInfo))
            .Add("POST", "/webscrape/keys", "putKey", PutKeyAsync)
            .Add("GET", "/webscrape/keys/{key}", "getKey", GetKeyAsync)
            .Add("PUT", "/webscrape/recipes/{id}", "putRecipe", PutRecipeAsync)
            .Add("POST", "/webscrape/runs/{id}/cancel", "cancelRun", CancelRunAsync)
            .Add("POST", "/ittybit/events/{id}/redeliver", "redeliverEvent", RedeliverEventAsync);
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (!_routes.TryMatch(http.Request.Method, http.Request.Path.Value ?? "/", out _, out var handler, out var values))
        {
            await Error(http, 404, $"no control endpoint {http.Request.Method} {Prefix}{http.Request.Path}");
            return;
        }
        try
        {
            await handler(http, values);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            await Error(http, 400, e.Message);
        }
    }

    private async Task ArmFaultAsync(HttpContext http, Dictionary<string, string> _)
    {
        var rule = await ReadAsync(http, SandboxJsonContext.Default.FaultRule);
        _state.Faults.Arm(rule);
        await WriteAsync(http, 201, rule, SandboxJsonContext.Default.FaultRule);
    }

    private async Task PutKeyAsync(HttpContext http, Dictionary<string, string> _)
    {
        var req = await ReadAsync(http, SandboxJsonContext.Default.KeyRequest);
        var key = req.Key ?? KeyFormat.NewKey();
        var account = _state.Accounts.Find(key) ?? _state.Accounts.Add(key, req.Credits ?? _state.Options.DemoCredits);
        if (req.Credits is { } credits) account.SetBalance(credits);
        if (req.EmailVerified is { } verified) account.EmailVerified = verified;
        if (req.ReadOnly is { } readOnly) account.ReadOnly = readOnly;
        if (req.DeletionScheduledFor is { } when) account.DeletionScheduledFor = when;
        if (req.RequestsPerMinute is { } rpm) account.RequestsPerMinute = rpm;
        if (req.MaxConcurrentRequests is { } mc) account.MaxConcurrentRequests = mc;
        await WriteAsync(http, 200, Info(account), SandboxJsonContext.Default.KeyInfo);
    }

    private Task GetKeyAsync(HttpContext http, Dictionary<string, string> values) =>
        _state.Accounts.Find(values["key"]) is { } account
            ? WriteAsync(http, 200, Info(account), SandboxJsonContext.Default.KeyInfo)
            : Error(http, 404, "no such key");

    private async Task PutRecipeAsync(HttpContext http, Dictionary<string, string> values)
    {
        var req = await ReadAsync(http, SandboxJsonContext.Default.RecipeRequest);
        var id = values["id"];
        if (id.Length is < 1 or > 64 || !Hosting.Ids.IsBase62(id)) throw new ArgumentException("recipe id must be 1 to 64 base62 characters");
        var basis = _state.Recipes.Find(id) ?? new Recipe { Id = id };
        var recipe = basis with
        {
            Name = req.Name ?? basis.Name,
            Pages = req.Pages ?? basis.Pages,
            ItemsPerPage = req.ItemsPerPage ?? basis.ItemsPerPage,
            Drift = req.Drift ?? basis.Drift,
            Mode = req.Mode ?? basis.Mode,
            StallAfterPages = req.StallAfterPages ?? basis.StallAfterPages,
            FailAfterPages = req.FailAfterPages ?? basis.FailAfterPages,
            FailureMessage = req.FailureMessage ?? basis.FailureMessage,
            PageDuration = req.PageDurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : basis.PageDuration,
            WebhookUrl = req.WebhookUrl ?? basis.WebhookUrl,
            WebhookHeaders = req.WebhookHeaders ?? basis.WebhookHeaders,
        };
        if (recipe.Pages < 1 || recipe.ItemsPerPage < 0) throw new ArgumentException("pages must be at least 1 and items_per_page at least 0");
        if (recipe.WebhookUrl is { IsAbsoluteUri: false }) throw new ArgumentException("webhook_url must be an absolute URL");
        _state.Recipes.Put(recipe);
        http.Response.StatusCode = 204;
    }

    private Task CancelRunAsync(HttpContext http, Dictionary<string, string> values)
    {
        if (_state.Runs.Find(values["id"]) is not { } run) return Error(http, 404, "no such run");
        if (!_state.Runs.Cancel(run, "run was cancelled")) return Error(http, 400, "the run has already finished");
        http.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    /// <summary>Sends an Ittybit event to its endpoints again, as the vendor's retries would: receivers must de-duplicate.</summary>
    private Task RedeliverEventAsync(HttpContext http, Dictionary<string, string> values)
    {
        if (!_state.IttybitProjects.All.Any(p => _state.IttybitEvents.Redeliver(p, values["id"]))) return Error(http, 404, "no such event");
        http.Response.StatusCode = 202;
        return Task.CompletedTask;
    }

    private StatsInfo Stats()
    {
        var calls = _state.Log.Calls;
        return new StatsInfo(
            calls.GroupBy(c => c.Operation).ToDictionary(g => g.Key, g => g.Count()),
            calls.GroupBy(c => c.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count()),
            _state.Log.Webhooks.Count);
    }

    private static KeyInfo Info(Account a) => new(a.Key, a.Balance, a.EmailVerified, a.ReadOnly, a.DeletionScheduledFor);

    private static async Task<T> ReadAsync<T>(HttpContext http, JsonTypeInfo<T> type) =>
        await JsonSerializer.DeserializeAsync(http.Request.Body, type, http.RequestAborted)
        ?? throw new ArgumentException("request body must be a JSON object");

    private static async Task WriteAsync<T>(HttpContext http, int status, T value, JsonTypeInfo<T> type)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(http.Response.Body, value, type, http.RequestAborted);
    }

    private static Task Error(HttpContext http, int status, string message) =>
        WriteAsync(http, status, new ControlError(message), SandboxJsonContext.Default.ControlError);
}
