namespace Specwright.Cli.Commands;

/// <summary>Reports on the poller's thread, at once and in order (Progress&lt;T&gt; would post later, maybe out of order).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
