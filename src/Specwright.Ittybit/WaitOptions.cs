namespace Specwright.Ittybit;

/// <summary>How a wait for a task or run polls.</summary>
public sealed class WaitOptions
{
    /// <summary>Poll intervals and deadline. Default (the spec's): 2 s, x1.5, capped at 10 s, one-hour deadline.</summary>
    public Core.Polling.PollingSchedule? Schedule { get; init; }

    /// <summary>Told every state seen, in order (e.g. <c>queued</c>, <c>processing</c> 40%, <c>finishing</c>).</summary>
    public IProgress<MediaTask>? TaskProgress { get; init; }

    /// <summary>Told every state of a run seen, in order.</summary>
    public IProgress<Run>? RunProgress { get; init; }
}
