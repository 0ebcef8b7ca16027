using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Specwright.Sandbox.Faults;

namespace Specwright.Sandbox.Hosting;

/// <summary>
/// The last steps every service gateway shares: the faults that are the same for every service (<c>drop</c>
/// closes the connection, <c>html</c> answers with a proxy's page), then write the reply (cut off for a
/// <c>truncate</c> fault), mark fault-shaped replies the spec does not describe as off contract, and log the call.
/// </summary>
internal static class Delivery
{
    /// <summary>Marks a response shaped by an injected fault, so test tooling can tell it from a real one.</summary>
    public const string FaultHeader = "X-Sandbox-Fault";

    /// <summary>
    /// Set with <see cref="FaultHeader"/> when a fault produced what the spec does not describe for the operation
    /// (a proxy's HTML page, a cut-off body, a status the operation does not document, like 503 anywhere):
    /// infrastructure outside the API, which clients must survive but a contract check must not count.
    /// </summary>
    public const string OffContractHeader = "X-Sandbox-Off-Contract";

    public static async Task DeliverAsync(HttpContext http, SandboxState state, string service, JsonObject spec, string? operationId,
        FaultRule? fault, Func<Task<Reply>> reply)
    {
        if (fault is not null) http.Response.Headers[FaultHeader] = fault.Kind;
        var status = 0;
        try
        {
            if (fault?.Kind == "drop")
            {
                http.Abort();
                return;
            }
            if (fault?.Kind == "html")
            {
                // A proxy answered, not the API: none of the API's headers (its request id above all).
                http.Response.Headers.Clear();
                http.Response.Headers[FaultHeader] = fault.Kind;
            }
            var r = fault?.Kind == "html" ? ReplyWriter.ProxyHtmlPage(fault.Status ?? 502) : await reply();
            status = r.Status;
            if (fault is not null && (fault.Kind is "html" or "truncate" || !Spec.SpecDocuments.DocumentedStatuses(spec, operationId!).Contains(r.Status)))
                http.Response.Headers[OffContractHeader] = "true";
            await ReplyWriter.WriteAsync(http, r, truncate: fault?.Kind == "truncate");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            status = 499;
        }
        finally
        {
            state.Log.Add(new LoggedCall(service, operationId ?? "(unknown)", http.Request.Method, http.Request.Path.Value ?? "/",
                status, fault?.Kind, state.Options.TimeProvider.GetUtcNow()));
        }
    }
}
