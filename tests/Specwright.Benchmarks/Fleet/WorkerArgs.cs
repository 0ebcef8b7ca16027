namespace Specwright.Benchmarks.Fleet;

/// <summary>The arguments of a worker process: <c>--name value</c> pairs after its role flag.</summary>
public sealed class WorkerArgs(string[] args)
{
    public string this[string name] =>
        Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"worker: --{name} is required");

    public string? Optional(string name) => Array.IndexOf(args, "--" + name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    public int Int(string name) => int.Parse(this[name], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>This program again, as a separate process with <paramref name="arguments"/> (the apphost, or <c>dotnet</c> and the dll).</summary>
    public static System.Diagnostics.ProcessStartInfo Self(IEnumerable<string> arguments)
    {
        var path = Environment.ProcessPath!;
        var start = Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? new System.Diagnostics.ProcessStartInfo(path, [typeof(WorkerArgs).Assembly.Location, .. arguments])
            : new System.Diagnostics.ProcessStartInfo(path, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }
}
