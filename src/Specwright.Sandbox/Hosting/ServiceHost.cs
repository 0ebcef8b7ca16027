using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Specwright.Core.Http;
using Specwright.Sandbox.Faults;

namespace Specwright.Sandbox.Hosting;

/// <summary>
/// The one gateway of every service, driven by its spec: a request id, routing by the spec's paths, injected faults,
/// the key (per the spec's security, or the dialect's rules), the per-key rate limit, validation against the spec's
/// schemas, then the simulation's handler, or the spec's examples. Whatever goes wrong becomes the service's own error
/// shape, never a bare 500.
/// </summary>
internal sealed class ServiceHost
{
    private readonly SandboxState _state;
    private readonly ServiceModule _module;
    private readonly ILogger _logger;
    private readonly RouteTable<OperationInfo> _routes = new();
    private readonly RequestValidator _validator;

    public ServiceHost(SandboxState state, ServiceModule module, ILogger logger)
    {
        _state = state;
        _module = module;
        _logger = logger;
        foreach (var op in module.Service.Operations.Values) _routes.Add(op.Method, op.Path, op.Id, op);
        _validator = new RequestValidator(module.Spec, state.Options.MaxRequestBodyBytes);
        _nulls = new Spec.DocumentedNulls(module.Spec);
    }

    private readonly Spec.DocumentedNulls _nulls;

    private ServiceDialect Dialect => _module.Dialect;
    private string Service => _module.Service.Name;

    public async Task HandleAsync(HttpContext http)
    {
        if (await Dialect.ServeOffSpecAsync(http)) return;
        var requestId = Ids.RequestId();
        http.Response.Headers["X-Request-ID"] = requestId;
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        var matched = _routes.TryMatch(method, path, out var operationId, out var operation, out var route);
        var fault = matched ? _state.Faults.Take(Service, operationId) : null;
        await Delivery.DeliverAsync(http, _state, Service, _module.Spec, matched ? operationId : null, fault,
            () => ReplyAsync(http, requestId, matched ? operation : null, route, fault));
    }

    private async Task<Reply> ReplyAsync(HttpContext http, string requestId, OperationInfo? operation, Dictionary<string, string> route, FaultRule? fault)
    {
        try
        {
            return await AnswerAsync(http, requestId, operation, route, fault);
        }
        catch (ApiFailure e)
        {
            return Dialect.Render(e, requestId);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            _logger.LogError(e, "{Operation} failed in the sandbox (request {RequestId})", operation?.Id, requestId);
            return Dialect.Render(Dialect.Internal(), requestId);
        }
    }

    private async Task<Reply> AnswerAsync(HttpContext http, string requestId, OperationInfo? operation, Dictionary<string, string> route, FaultRule? fault)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        if (operation is null)
            throw _routes.PathExists(path) ? Dialect.MethodNotAllowed(method, path) : Dialect.NotFound(method, path);

        var retryAfter = fault?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        switch (fault?.Kind)
        {
            case "status": throw Dialect.StatusFault(fault.Status!.Value, retryAfter);
            case "error": throw Dialect.CodeFault(fault.Code!, retryAfter);
        }

        var caller = operation.RequiresApiKey ? Dialect.Authenticate(http, operation) : null;
        IDisposable? lease = null;
        if (caller is not null)
        {
            var (perMinute, concurrent) = Dialect.Limits(caller);
            if (_state.Limiter.TryEnter(Service + ":" + caller.Key, perMinute, concurrent, out lease) is { } throttle)
                throw Dialect.Throttled(throttle);
        }
        using (lease)
        {
            var (body, found) = await _validator.CheckAsync(http, operation, route);
            if (found.Count > 0 && Dialect.Enforced(operation, body, found) is { Count: > 0 } issues) throw Dialect.InvalidRequest(operation, issues);
            if (fault is not null) await fault.DelayIfAskedAsync(http.RequestAborted);
            var call = new OperationCall(http, requestId, operation, caller, route, body, _module);
            var reply = _module.Handlers is { } handlers && handlers.TryGetValue(operation.Id, out var handler)
                ? await handler(call)
                : await call.FromExamples();
            return _nulls.Fill(operation, reply);
        }
    }
}
