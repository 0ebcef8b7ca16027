using Specwright.Core;
using Specwright.Core.Paging;
using Ops = Specwright.Ittybit.IttybitSpec.Operations;

namespace Specwright.Ittybit;

public partial class IttybitClient
{
    /// <summary>Subscribes an HTTPS <paramref name="url"/> to <paramref name="topics"/>. Receive with <see cref="IttybitWebhooks.Parser"/>.</summary>
    [SpecOperation("createWebhookEndpoint")]
    public virtual Task<WebhookEndpoint> CreateWebhookEndpointAsync(string url, IEnumerable<EventKind> topics, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(url, nameof(url));
        ArgumentNullException.ThrowIfNull(topics);
        var list = topics.ToList();
        if (list.Count == 0) throw new ArgumentException("'topics' must name at least one topic.", nameof(topics));
        return Api.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest { Url = url, Topics = list }, cancellationToken);
    }

    /// <summary>Changes only the fields set in <paramref name="request"/>.</summary>
    [SpecOperation("updateWebhookEndpoint")]
    public virtual Task<WebhookEndpoint> UpdateWebhookEndpointAsync(string endpointId, UpdateWebhookEndpointRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(endpointId, nameof(endpointId));
        ArgumentNullException.ThrowIfNull(request);
        return Api.UpdateWebhookEndpointAsync(endpointId, request, cancellationToken);
    }

    [SpecOperation("deleteWebhookEndpoint")]
    public virtual Task DeleteWebhookEndpointAsync(string endpointId, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(endpointId, nameof(endpointId));
        return Api.DeleteWebhookEndpointAsync(endpointId, cancellationToken);
    }

    /// <summary>Every webhook endpoint, fetching pages as you enumerate.</summary>
    [SpecOperation("listWebhookEndpoints")]
    public virtual IAsyncEnumerable<WebhookEndpoint> ListWebhookEndpointsAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAll(Ops.ListWebhookEndpoints.Id, options, ListWebhookEndpointsCall(options), e => e.Id, cancellationToken);

    /// <summary>One page of webhook endpoints.</summary>
    [SpecOperation("listWebhookEndpoints")]
    public virtual Task<Page<WebhookEndpoint>> ListWebhookEndpointsPageAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync(Ops.ListWebhookEndpoints.Id, ListWebhookEndpointsCall(options), options?.After, e => e.Id, cancellationToken);

    private ListCall<WebhookEndpoint> ListWebhookEndpointsCall(ListOptions? o) => (after, ct) =>
        Api.ListWebhookEndpointsAsync(o?.CheckedLimit(), after, o?.Before, o?.Order, ct);
}
