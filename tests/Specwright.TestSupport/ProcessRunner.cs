using System.Diagnostics;

namespace Specwright.TestSupport;

/// <summary>Runs a program to completion and returns its standard output; a non-zero exit fails the test with its stderr.</summary>
public static class ProcessRunner
{
    public static async Task<string> RunAsync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Xunit.Assert.True(p.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stderr}");
        return await stdout;
    }
}
