using LimitSpec = Specwright.Ittybit.IttybitSpec.Parameters.Limit;

namespace Specwright.Ittybit;

/// <summary>Paging of a list: page size, order, and where to start. Every list takes these.</summary>
public class ListOptions
{
    /// <summary>Items per page, 1 to 100 (the server's default is 20). Checked before sending.</summary>
    public int? Limit { get; init; }

    /// <summary>Newest first (<see cref="SortOrder.Desc"/>, the default) or oldest first.</summary>
    public SortOrder? Order { get; init; }

    /// <summary>Start after this id (e.g. the last id you saw, or a page's <c>NextCursor</c>).</summary>
    public string? After { get; init; }

    /// <summary>End before this id.</summary>
    public string? Before { get; init; }

    internal int? CheckedLimit()
    {
        if (Limit is { } l && (l < LimitSpec.Minimum || l > LimitSpec.Maximum))
            throw new ArgumentOutOfRangeException(nameof(Limit), l, $"'{LimitSpec.Name}' must be {LimitSpec.Minimum} to {LimitSpec.Maximum}.");
        return Limit;
    }
}

/// <summary>Filters of <see cref="IttybitClient.ListTasksAsync"/>.</summary>
public sealed class TaskListOptions : ListOptions
{
    public Status? Status { get; init; }
    public TaskKind? Kind { get; init; }

    /// <summary>Only the tasks of this run.</summary>
    public string? RunId { get; init; }

    /// <summary>Only tasks created with this key (<c>key_...</c>).</summary>
    public string? CreatedBy { get; init; }
}

/// <summary>Filters of <see cref="IttybitClient.ListRunsAsync"/>.</summary>
public sealed class RunListOptions : ListOptions
{
    public Status? Status { get; init; }
}

/// <summary>Filters of <see cref="IttybitClient.ListAutomationsAsync"/>.</summary>
public sealed class AutomationListOptions : ListOptions
{
    public AutomationStatus? Status { get; init; }
}

/// <summary>Filters of <see cref="IttybitClient.ListEventsAsync"/>.</summary>
public sealed class EventListOptions : ListOptions
{
    public EventKind? Kind { get; init; }
}
