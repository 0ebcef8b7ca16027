namespace Specwright.Core.Http;

/// <summary>
/// An operation the server holds open for a caller-chosen time (<c>x-specwright-attempt-timeout</c>): each attempt
/// lasts at least the <see cref="Parameter"/>'s seconds (its <see cref="DefaultSeconds"/> when not sent) plus a margin.
/// </summary>
public sealed record AttemptTimeoutRule(string Parameter, double DefaultSeconds, double MarginSeconds)
{
    /// <summary>The minimum attempt timeout of a call that sends <paramref name="seconds"/> (null: not sent).</summary>
    public TimeSpan For(double? seconds) => TimeSpan.FromSeconds((seconds ?? DefaultSeconds) + MarginSeconds);
}
