using Specwright.Core;
using Specwright.Core.Paging;
using Ops = Specwright.Ittybit.IttybitSpec.Operations;

namespace Specwright.Ittybit;

public partial class IttybitClient
{
    /// <summary>One event of the log (its <see cref="Event.Task"/> or <see cref="Event.Run"/> as it was then).</summary>
    [SpecOperation("getEvent")]
    public virtual Task<Event> GetEventAsync(string eventId, CancellationToken cancellationToken = default)
    {
        ThrowIfBlank(eventId, nameof(eventId));
        return Api.GetEventAsync(eventId, cancellationToken);
    }

    /// <summary>The event log, newest first unless ordered otherwise, fetching pages as you enumerate.</summary>
    [SpecOperation("listEvents")]
    public virtual IAsyncEnumerable<Event> ListEventsAsync(EventListOptions? options = null, CancellationToken cancellationToken = default) =>
        ListAll(Ops.ListEvents.Id, options, ListEventsCall(options), e => e.Id, cancellationToken);

    /// <summary>One page of events.</summary>
    [SpecOperation("listEvents")]
    public virtual Task<Page<Event>> ListEventsPageAsync(EventListOptions? options = null, CancellationToken cancellationToken = default) =>
        PageAsync(Ops.ListEvents.Id, ListEventsCall(options), options?.After, e => e.Id, cancellationToken);

    private ListCall<Event> ListEventsCall(EventListOptions? o) => (after, ct) =>
        Api.ListEventsAsync(o?.CheckedLimit(), after, o?.Before, o?.Order, o?.Kind, ct);
}
