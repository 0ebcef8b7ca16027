using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Core.Http;

namespace Specwright.Sandbox.Hosting;

/// <summary>Who called: the key as sent, and the account (or project) the service's dialect found for it.</summary>
public sealed record Caller(string Key, object? Account = null);

/// <summary>
/// One call of an operation that the host has routed, authenticated, admitted under the rate limit and validated against
/// the spec: what a simulation's method receives.
/// </summary>
public sealed class OperationCall
{
    private readonly ServiceModule _module;

    internal OperationCall(HttpContext http, string requestId, OperationInfo operation, Caller? caller,
        IReadOnlyDictionary<string, string> route, JsonNode? body, ServiceModule module)
    {
        Http = http;
        RequestId = requestId;
        Operation = operation;
        Caller = caller;
        RouteValues = route;
        Body = body;
        _module = module;
    }

    public HttpContext Http { get; }
    public string RequestId { get; }
    public OperationInfo Operation { get; }
    public string OperationId => Operation.Id;

    /// <summary>Null for an operation the spec marks <c>security: []</c>.</summary>
    public Caller? Caller { get; }

    public IReadOnlyDictionary<string, string> RouteValues { get; }

    /// <summary>The JSON request body, already checked against the operation's schema (null when none was sent).</summary>
    public JsonNode? Body { get; }

    public CancellationToken Aborted => Http.RequestAborted;

    public string Route(string name) => RouteValues[name];

    /// <summary>The caller's account as the dialect typed it.</summary>
    public T Account<T>() where T : class =>
        Caller?.Account as T ?? throw new InvalidOperationException($"{OperationId} has no caller of type {typeof(T).Name}.");

    /// <summary>The spec's documented answer for this operation (its example, or a value made from its schema).</summary>
    public Task<Reply> FromExamples() => Task.FromResult(Spec.ExampleReplies.For(_module.Spec, Operation));
}

/// <summary>One operation's simulation.</summary>
public delegate Task<Reply> OperationHandler(OperationCall call);
