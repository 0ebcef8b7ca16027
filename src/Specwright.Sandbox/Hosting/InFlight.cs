namespace Specwright.Sandbox.Hosting;

/// <summary>Background work still running (webhook deliveries), so shutdown and tests can wait for it.</summary>
internal sealed class InFlight
{
    private readonly List<Task> _tasks = [];
    private readonly Lock _gate = new();

    public void Add(Task task)
    {
        lock (_gate)
        {
            _tasks.RemoveAll(t => t.IsCompleted);
            _tasks.Add(task);
        }
    }

    public Task DrainAsync()
    {
        lock (_gate) return Task.WhenAll(_tasks.ToArray());
    }
}
