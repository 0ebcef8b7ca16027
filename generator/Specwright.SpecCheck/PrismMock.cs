using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Specwright.SpecCheck;

/// <summary>Prism mocking one spec, as a child process on a free port.</summary>
internal sealed class PrismMock : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    public Uri BaseUrl { get; }

    private PrismMock(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <param name="strict">With <c>--errors</c>: an invalid request, or an answer that breaks the spec, is an error answer.</param>
    /// <param name="dynamic">Answers made from the schemas (json-schema-faker, seeded: the same each run), not the spec's examples.</param>
    public static async Task<PrismMock> StartAsync(string prism, string spec, bool strict = true, bool dynamic = false)
    {
        var port = FreePort();
        List<string> arguments = ["mock", spec, "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (strict) arguments.Add("--errors");
        if (dynamic) arguments.AddRange(["--dynamic", "--seed", "specwright"]);
        var process = Process.Start(new ProcessStartInfo(prism, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"could not start {prism}");
        var mock = new PrismMock(process, new Uri($"http://127.0.0.1:{port}"));
        var ready = new TaskCompletionSource();
        void OnLine(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (mock._log)
            {
                mock._log.Add(e.Data);
                if (mock._log.Count > 2000) mock._log.RemoveRange(0, 1000);
            }
            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal)) ready.TrySetResult();
        }
        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (!ready.Task.IsCompleted)
        {
            await mock.DisposeAsync();
            lock (mock._log) throw new InvalidOperationException($"Prism did not start on {spec}:\n" + string.Join('\n', mock._log.TakeLast(20)));
        }
        return mock;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Why Prism stopped: the first line of the error it printed last.</summary>
    public string ExitReason()
    {
        lock (_log)
            return _log.LastOrDefault(l => l.Contains("Error", StringComparison.Ordinal) || l.Contains("error", StringComparison.Ordinal))?.Trim()
                ?? _log.LastOrDefault() ?? "no output";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        // SPEC_CHECK_PRISM_LOG=<file>: what Prism said about each request (its last lines), to see why one failed.
        if (Environment.GetEnvironmentVariable("SPEC_CHECK_PRISM_LOG") is { Length: > 0 } logFile)
            lock (_log) File.AppendAllLines(logFile, _log);
        _process.Dispose();
    }
}
