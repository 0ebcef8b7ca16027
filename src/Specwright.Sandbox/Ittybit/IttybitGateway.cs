using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Specwright.Ittybit;
using Specwright.Sandbox.Faults;
using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Limits;
using Ops = Specwright.Ittybit.IttybitSpec.Operations;

namespace Specwright.Sandbox.Ittybit;

/// <summary>
/// Ittybit under <c>/ittybit</c>, paths as at the real API's root (<c>/tasks</c>, <c>/runs/{id}</c>, ...): routing by the
/// spec's paths, injected faults, the bearer key (missing -> <c>token_missing</c>, unknown -> <c>token_invalid</c>, an
/// organisation key -> <c>project_required</c>), per-key limits (429 <c>rate_limited</c> with Retry-After), then the
/// operation. Errors are <c>{"kind", "message"}</c>.
/// </summary>
internal sealed class IttybitGateway
{
    public const string Prefix = "/ittybit";
    private const string Service = "ittybit";
    private const string BearerPrefix = "Bearer ";

    private delegate Task<Reply> Operation(HttpContext http, Project project, IReadOnlyDictionary<string, string> route);

    private readonly SandboxState _state;
    private readonly ILogger _logger;
    private readonly RouteTable<Operation> _routes = new();

    public IttybitGateway(SandboxState state, ILogger logger)
    {
        _state = state;
        _logger = logger;
        var h = new IttybitHandlers(state, state.IttybitWork, state.IttybitEvents);
        Add(Ops.CreateTask.Method, Ops.CreateTask.Path, Ops.CreateTask.Id, (http, p, _) => h.CreateTaskAsync(http, p));
        Add(Ops.ListTasks.Method, Ops.ListTasks.Path, Ops.ListTasks.Id, (http, p, _) => Task.FromResult(h.ListTasks(http, p)));
        Add(Ops.GetTask.Method, Ops.GetTask.Path, Ops.GetTask.Id, (_, p, r) => Task.FromResult(h.GetTask(p, r["id"])));
        Add(Ops.CreateRun.Method, Ops.CreateRun.Path, Ops.CreateRun.Id, (http, p, _) => h.CreateRunAsync(http, p));
        Add(Ops.ListRuns.Method, Ops.ListRuns.Path, Ops.ListRuns.Id, (http, p, _) => Task.FromResult(h.ListRuns(http, p)));
        Add(Ops.GetRun.Method, Ops.GetRun.Path, Ops.GetRun.Id, (_, p, r) => Task.FromResult(h.GetRun(p, r["id"])));
        Add(Ops.CreateAutomation.Method, Ops.CreateAutomation.Path, Ops.CreateAutomation.Id, (http, p, _) => h.CreateAutomationAsync(http, p));
        Add(Ops.ListAutomations.Method, Ops.ListAutomations.Path, Ops.ListAutomations.Id, (http, p, _) => Task.FromResult(h.ListAutomations(http, p)));
        Add(Ops.GetAutomation.Method, Ops.GetAutomation.Path, Ops.GetAutomation.Id, (_, p, r) => Task.FromResult(h.GetAutomation(p, r["id"])));
        Add(Ops.UpdateAutomation.Method, Ops.UpdateAutomation.Path, Ops.UpdateAutomation.Id, (http, p, r) => h.UpdateAutomationAsync(http, p, r["id"]));
        Add(Ops.DeleteAutomation.Method, Ops.DeleteAutomation.Path, Ops.DeleteAutomation.Id, (_, p, r) => Task.FromResult(h.DeleteAutomation(p, r["id"])));
        Add(Ops.RunAutomation.Method, Ops.RunAutomation.Path, Ops.RunAutomation.Id, (http, p, r) => h.RunAutomationAsync(http, p, r["id"]));
        Add(Ops.CreateWebhookEndpoint.Method, Ops.CreateWebhookEndpoint.Path, Ops.CreateWebhookEndpoint.Id, (http, p, _) => h.CreateEndpointAsync(http, p));
        Add(Ops.ListWebhookEndpoints.Method, Ops.ListWebhookEndpoints.Path, Ops.ListWebhookEndpoints.Id, (http, p, _) => Task.FromResult(h.ListEndpoints(http, p)));
        Add(Ops.UpdateWebhookEndpoint.Method, Ops.UpdateWebhookEndpoint.Path, Ops.UpdateWebhookEndpoint.Id, (http, p, r) => h.UpdateEndpointAsync(http, p, r["id"]));
        Add(Ops.DeleteWebhookEndpoint.Method, Ops.DeleteWebhookEndpoint.Path, Ops.DeleteWebhookEndpoint.Id, (_, p, r) => Task.FromResult(h.DeleteEndpoint(p, r["id"])));
        Add(Ops.ListEvents.Method, Ops.ListEvents.Path, Ops.ListEvents.Id, (http, p, _) => Task.FromResult(h.ListEvents(http, p)));
        Add(Ops.CreateConnection.Method, Ops.CreateConnection.Path, Ops.CreateConnection.Id, (http, p, _) => h.CreateConnectionAsync(http, p));
        Add(Ops.ListConnections.Method, Ops.ListConnections.Path, Ops.ListConnections.Id, (http, p, _) => Task.FromResult(h.ListConnections(http, p)));
        Add(Ops.GetConnection.Method, Ops.GetConnection.Path, Ops.GetConnection.Id, (_, p, r) => Task.FromResult(h.GetConnection(p, r["id"])));
        Add(Ops.UpdateConnection.Method, Ops.UpdateConnection.Path, Ops.UpdateConnection.Id, (http, p, r) => h.UpdateConnectionAsync(http, p, r["id"]));
        Add(Ops.DeleteConnection.Method, Ops.DeleteConnection.Path, Ops.DeleteConnection.Id, (_, p, r) => Task.FromResult(h.DeleteConnection(p, r["id"])));
        Add(Ops.CreateKey.Method, Ops.CreateKey.Path, Ops.CreateKey.Id, (http, p, _) => h.CreateKeyAsync(http, p));
        Add(Ops.ListKeys.Method, Ops.ListKeys.Path, Ops.ListKeys.Id, (http, p, _) => Task.FromResult(h.ListKeys(http, p)));
        Add(Ops.DeleteKey.Method, Ops.DeleteKey.Path, Ops.DeleteKey.Id, (_, p, r) => Task.FromResult(h.DeleteKey(p, r["id"])));
        Add(Ops.GetEvent.Method, Ops.GetEvent.Path, Ops.GetEvent.Id, (_, p, r) => Task.FromResult(h.GetEvent(p, r["id"])));
    }

    private void Add(string method, string path, string id, Operation op) => _routes.Add(method, path, id, op);

    public async Task HandleAsync(HttpContext http)
    {
        var matched = _routes.TryMatch(http.Request.Method, http.Request.Path.Value ?? "/", out var operationId, out var handler, out var values);
        var fault = matched ? _state.Faults.Take(Service, operationId) : null;
        await Delivery.DeliverAsync(http, _state, Service, Spec.SpecDocuments.Ittybit, matched ? operationId : null, fault,
            () => ReplyAsync(http, matched, operationId, handler, values, fault));
    }

    private async Task<Reply> ReplyAsync(HttpContext http, bool matched, string operationId, Operation handler, Dictionary<string, string> route, FaultRule? fault)
    {
        if (!matched)
            return _routes.PathExists(http.Request.Path.Value ?? "/")
                ? Json.Error(new IttybitFailure("method_not_allowed", $"{http.Request.Method} is not supported for this endpoint.", 405))
                : Json.Error(new IttybitFailure("not_found", "The requested resource was not found.", 404));

        var retryAfter = fault?.RetryAfter is { } ra ? TimeSpan.FromSeconds(ra) : (TimeSpan?)null;
        switch (fault?.Kind)
        {
            case "status":
                // A status without a documented kind (502, 503, ...) still comes as {kind, message} from Ittybit's edge.
                return IttybitErrorFactory.CodeForStatus(fault.Status!.Value) is { } kind
                    ? Json.Error(IttybitFailure.Of(kind, null, retryAfter))
                    : Json.Error(new IttybitFailure("service_unavailable", "The server is temporarily unable to handle requests. Please try again later.", fault.Status.Value, retryAfter));
            case "error":
                return Json.Error(IttybitFailure.Of(fault.Code!, null, retryAfter));
        }

        try
        {
            var (key, project) = Authenticate(http);
            var throttle = _state.Limiter.TryEnter(Service + ":" + key, _state.Options.RequestsPerMinute, _state.Options.MaxConcurrentRequests, out var lease);
            if (throttle is not null) throw IttybitFailure.Of("rate_limited", null, throttle.RetryAfter);
            using (lease)
            {
                if (fault is not null) await fault.DelayIfAskedAsync(http.RequestAborted);
                return await handler(http, project, route);
            }
        }
        catch (IttybitFailure e)
        {
            return Json.Error(e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            _logger.LogError(e, "{Operation} failed in the sandbox", operationId);
            return Json.Error(IttybitFailure.Of("internal_error"));
        }
    }

    /// <summary>The project of <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    private (string Key, Project Project) Authenticate(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.Length == 0) throw IttybitFailure.Of("token_missing");
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            throw IttybitFailure.Of("token_invalid", "The Authorization header must be 'Bearer <key>'.");
        var key = header[BearerPrefix.Length..].Trim();
        if (_state.IttybitProjects.IsOrgKey(key)) throw IttybitFailure.Of("project_required");
        return (key, _state.IttybitProjects.Find(key) ?? throw IttybitFailure.Of("token_invalid"));
    }
}
