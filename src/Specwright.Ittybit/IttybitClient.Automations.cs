using Specwright.Core;
using Specwright.Core.Paging;
using Ops = Specwright.Ittybit.IttybitSpec.Operations;

namespace Specwright.Ittybit;

public partial class IttybitClient
{
    [SpecOperation("createAutomation")]
    public virtual Task<Automation> CreateAutomationAsync(CreateAutomationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfBlank(request.Name, "request.Name");
        if (request.Workflow is not { Count: > 0 }) throw new ArgumentException("'request.Workflow' must hold at least one task.", nameof(request));
        return Api.CreateAutomationAsync(request, cancellationToken);
    }

    /// <summary>An automation. An unknown id throws <see cref="AutomationNotFoundException"/>.</summary>
    [SpecOperation("getAutomation")]
    public virtual Task<Automation> GetAutomationAsync(string automationId, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(automationId, nameof(automationId));
        return Api.GetAutomationAsync(automationId, cancellationToken);
    }

    /// <summary>Changes only the fields set in <paramref name="request"/> (e.g. <c>Status = AutomationStatus.Paused</c>).</summary>
    [SpecOperation("updateAutomation")]
    public virtual Task<Automation> UpdateAutomationAsync(string automationId, UpdateAutomationRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(automationId, nameof(automationId));
        ArgumentNullException.ThrowIfNull(request);
        return Api.UpdateAutomationAsync(automationId, request, cancellationToken);
    }

    [SpecOperation("deleteAutomation")]
    public virtual Task DeleteAutomationAsync(string automationId, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(automationId, nameof(automationId));
        return Api.DeleteAutomationAsync(automationId, cancellationToken);
    }

    /// <summary>Runs the automation's workflow on <paramref name="url"/> and returns the new run (wait for it with <see cref="WaitForRunAsync(string, WaitOptions?, CancellationToken)"/>).</summary>
    [SpecOperation("runAutomation")]
    public virtual Task<Run> RunAutomationAsync(string automationId, string url, Metadata? metadata = null, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(automationId, nameof(automationId));
        ThrowIfBlank(url, nameof(url));
        return Api.RunAutomationAsync(automationId, new RunAutomationRequest { Url = url, Metadata = metadata }, cancellationToken);
    }

    /// <summary>Runs an automation and waits for the run to succeed.</summary>
    [SpecOperation("runAutomation")]
    public virtual async Task<Run> RunAutomationAndWaitAsync(string automationId, string url, WaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = await RunAutomationAsync(automationId, url, null, cancellationToken).ConfigureAwait(false);
        return await SettleAsync(run, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every automation matching <paramref name="options"/>, fetching pages as you enumerate.</summary>
    [SpecOperation("listAutomations")]
    public virtual IAsyncEnumerable<Automation> ListAutomationsAsync(AutomationListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAll(Ops.ListAutomations.Id, options, ListAutomationsCall(options), a => a.Id, cancellationToken);

    /// <summary>One page of automations.</summary>
    [SpecOperation("listAutomations")]
    public virtual Task<Page<Automation>> ListAutomationsPageAsync(AutomationListOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync(Ops.ListAutomations.Id, ListAutomationsCall(options), options?.After, a => a.Id, cancellationToken);

    private ListCall<Automation> ListAutomationsCall(AutomationListOptions? o) => (after, ct) =>
        Api.ListAutomationsAsync(o?.CheckedLimit(), after, o?.Before, o?.Order, o?.Status, ct);
}
