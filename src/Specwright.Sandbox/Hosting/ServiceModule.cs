using System.Text.Json.Nodes;
using Specwright.Core.Http;

namespace Specwright.Sandbox.Hosting;

/// <summary>
/// A service plugged into the sandbox: its description (generated in the SDK), its dialect, and its simulation's
/// handlers by operation id (null: every operation answers from the spec's examples).
/// </summary>
public sealed class ServiceModule(ServiceDescription service, ServiceDialect dialect, IReadOnlyDictionary<string, OperationHandler>? handlers)
{
    public ServiceDescription Service { get; } = service;
    public ServiceDialect Dialect { get; } = dialect;
    public IReadOnlyDictionary<string, OperationHandler>? Handlers { get; } = handlers;

    /// <summary>The spec document itself (embedded in the sandbox), for validation and examples.</summary>
    public JsonObject Spec => Dialect.Spec;

    public bool IsSimulated => Handlers is not null;
}

/// <summary>
/// Every service the sandbox was built with. Each registers itself from its generated module (a module initializer),
/// so a service added with <c>make new-service</c> is served without a line written here.
/// </summary>
public static class ServiceModules
{
    private static readonly List<(ServiceDescription Service, Func<SandboxState, ServiceModule> Create)> Registered = [];

    public static void Add(ServiceDescription service, Func<SandboxState, ServiceModule> create)
    {
        lock (Registered)
            if (!Registered.Any(r => r.Service.Name == service.Name)) Registered.Add((service, create));
    }

    /// <summary>The services, by name.</summary>
    public static IReadOnlyList<ServiceDescription> Services
    {
        get
        {
            lock (Registered) return Registered.Select(r => r.Service).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
    }

    public static ServiceDescription? Find(string name) => Services.FirstOrDefault(s => s.Name == name);

    internal static IReadOnlyList<ServiceModule> Create(SandboxState state)
    {
        lock (Registered) return Registered.OrderBy(r => r.Service.Name, StringComparer.Ordinal).Select(r => r.Create(state)).ToList();
    }
}
