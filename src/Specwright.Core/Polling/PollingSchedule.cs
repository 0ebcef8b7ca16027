namespace Specwright.Core.Polling;

/// <summary>How often to poll: generated from the spec's <c>x-specwright-polling</c>, overridable per call.</summary>
public sealed record PollingSchedule
{
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(2);
    public double Multiplier { get; init; } = 1.5;
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Overall deadline of a wait.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);
}
