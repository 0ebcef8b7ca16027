using System.Diagnostics;

namespace Specwright.TestSupport;

/// <summary>Runs a program to completion: checked (a non-zero exit fails the test with its stderr) or not (the caller reads the exit).</summary>
public static class ProcessRunner
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        var (exit, stdout, stderr) = await RunUncheckedAsync(file, args);
        Xunit.Assert.True(exit == 0, $"{file} {string.Join(' ', args)} exited {exit}: {stderr}");
        return stdout;
    }

    /// <summary>The exit code and both outputs, with <paramref name="env"/> added to the environment.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunUncheckedAsync(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in env ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
