using System.CommandLine;
using Specwright.Sandbox;

namespace Specwright.Cli.Commands;

/// <summary><c>specwright sandbox</c>: the sandbox server alone, until Ctrl+C.</summary>
internal static class SandboxCommand
{
    public static Command Create(CliContext ctx)
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var cmd = new Command("sandbox",
            $"Run the local sandbox server until Ctrl+C, serving {string.Join(", ", SandboxServer.Services.Select(s => s.Title))}; prints each base URL and demo key") { urls };
        cmd.SetAction((p, ct) => ExitCodes.GuardAsync(ctx, async () =>
        {
            var options = new SandboxOptions { Urls = p.GetValue(urls)! };
            await using var sandbox = await SandboxServer.StartAsync(options, cancellationToken: ct);
            foreach (var line in sandbox.Banner()) ctx.Out.WriteLine(line);
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { ctx.Note("sandbox stopped"); }
        }, CancellationToken.None));
        return cmd;
    }
}
