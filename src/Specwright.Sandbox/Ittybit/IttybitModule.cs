using Specwright.Sandbox.Hosting;
using Specwright.Sandbox.Ittybit;

namespace Specwright.Sandbox.Simulations;

/// <summary>Ittybit in the sandbox: its dialect and its simulation, plugged into the generated module.</summary>
internal static partial class IttybitModule
{
    static partial void CreateSimulation(SandboxState state, ref IIttybitSimulation? simulation) => simulation = new IttybitSimulation(state);

    static partial void CreateDialect(SandboxState state, ref ServiceDialect? dialect) => dialect = new IttybitDialect(state);
}

/// <summary>Every Ittybit operation, simulated per project: tasks and runs that progress, automations, webhooks and events, connections and keys.</summary>
internal sealed class IttybitSimulation(SandboxState state) : IIttybitSimulation
{
    private readonly IttybitHandlers _h = new(state, state.IttybitWork, state.IttybitEvents);

    private static Project P(OperationCall call) => call.Account<Project>();

    public Task<Reply> CreateTaskAsync(OperationCall c) => _h.CreateTaskAsync(c.Http, P(c));
    public Task<Reply> ListTasksAsync(OperationCall c) => Task.FromResult(_h.ListTasks(c.Http, P(c)));
    public Task<Reply> GetTaskAsync(OperationCall c) => Task.FromResult(_h.GetTask(P(c), c.Route("id")));
    public Task<Reply> CreateRunAsync(OperationCall c) => _h.CreateRunAsync(c.Http, P(c));
    public Task<Reply> ListRunsAsync(OperationCall c) => Task.FromResult(_h.ListRuns(c.Http, P(c)));
    public Task<Reply> GetRunAsync(OperationCall c) => Task.FromResult(_h.GetRun(P(c), c.Route("id")));
    public Task<Reply> CreateAutomationAsync(OperationCall c) => _h.CreateAutomationAsync(c.Http, P(c));
    public Task<Reply> ListAutomationsAsync(OperationCall c) => Task.FromResult(_h.ListAutomations(c.Http, P(c)));
    public Task<Reply> GetAutomationAsync(OperationCall c) => Task.FromResult(_h.GetAutomation(P(c), c.Route("id")));
    public Task<Reply> UpdateAutomationAsync(OperationCall c) => _h.UpdateAutomationAsync(c.Http, P(c), c.Route("id"));
    public Task<Reply> DeleteAutomationAsync(OperationCall c) => Task.FromResult(_h.DeleteAutomation(P(c), c.Route("id")));
    public Task<Reply> RunAutomationAsync(OperationCall c) => _h.RunAutomationAsync(c.Http, P(c), c.Route("id"));
    public Task<Reply> CreateWebhookEndpointAsync(OperationCall c) => _h.CreateEndpointAsync(c.Http, P(c));
    public Task<Reply> ListWebhookEndpointsAsync(OperationCall c) => Task.FromResult(_h.ListEndpoints(c.Http, P(c)));
    public Task<Reply> UpdateWebhookEndpointAsync(OperationCall c) => _h.UpdateEndpointAsync(c.Http, P(c), c.Route("id"));
    public Task<Reply> DeleteWebhookEndpointAsync(OperationCall c) => Task.FromResult(_h.DeleteEndpoint(P(c), c.Route("id")));
    public Task<Reply> ListEventsAsync(OperationCall c) => Task.FromResult(_h.ListEvents(c.Http, P(c)));
    public Task<Reply> CreateConnectionAsync(OperationCall c) => _h.CreateConnectionAsync(c.Http, P(c));
    public Task<Reply> ListConnectionsAsync(OperationCall c) => Task.FromResult(_h.ListConnections(c.Http, P(c)));
    public Task<Reply> GetConnectionAsync(OperationCall c) => Task.FromResult(_h.GetConnection(P(c), c.Route("id")));
    public Task<Reply> UpdateConnectionAsync(OperationCall c) => _h.UpdateConnectionAsync(c.Http, P(c), c.Route("id"));
    public Task<Reply> DeleteConnectionAsync(OperationCall c) => Task.FromResult(_h.DeleteConnection(P(c), c.Route("id")));
    public Task<Reply> CreateKeyAsync(OperationCall c) => _h.CreateKeyAsync(c.Http, P(c));
    public Task<Reply> ListKeysAsync(OperationCall c) => Task.FromResult(_h.ListKeys(c.Http, P(c)));
    public Task<Reply> DeleteKeyAsync(OperationCall c) => Task.FromResult(_h.DeleteKey(P(c), c.Route("id")));
    public Task<Reply> GetEventAsync(OperationCall c) => Task.FromResult(_h.GetEvent(P(c), c.Route("id")));
}
