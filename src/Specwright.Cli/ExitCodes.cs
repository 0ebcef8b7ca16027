using Specwright.Core.Errors;
using Specwright.Core.Polling;

namespace Specwright.Cli;

/// <summary>Exit codes, and the one line printed for a failure (code and request id, never the key).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int ApiError = 1;
    public const int Usage = 2;
    public const int Transport = 3;
    public const int RunFailed = 4;
    public const int Cancelled = 130;

    /// <param name="parse">The command line, when the command has flags: messages that name an SDK property name the flag instead.</param>
    public static async Task<int> GuardAsync(CliContext ctx, Func<Task> action, CancellationToken cancellationToken, System.CommandLine.ParseResult? parse = null)
    {
        try
        {
            await action();
            return Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ctx.Err.WriteLine(ctx.ResumeHint is { } resume ? $"cancelled; the work goes on on the server: {resume}" : "cancelled");
            return Cancelled;
        }
        catch (ApiException e)
        {
            var message = string.IsNullOrWhiteSpace(e.ErrorMessage) ? "(the answer gave no message)" : e.ErrorMessage;
            ctx.Err.WriteLine($"error: {e.ErrorCode ?? "unknown"} (HTTP {e.StatusCode}): {message}{(e.RequestId is null ? "" : $" [request {e.RequestId}]")}");
            if (e.StatusCode == 404 && ctx.NotFoundHint is { } hint) ctx.Err.WriteLine($"hint: {hint}");
            return ApiError;
        }
        catch (Exception e) when (e is OperationFailedException or WaitTimeoutException)
        {
            ctx.Err.WriteLine($"error: {e.Message}");
            return RunFailed;
        }
        catch (Exception e) when (e is TransportException or ApiTimeoutException or ResponseFormatException)
        {
            ctx.Err.WriteLine($"error: {e.Message}");
            return Transport;
        }
        catch (Exception e) when (e is ConfigurationException or ArgumentException or FormatException)
        {
            ctx.Err.WriteLine($"error: {FlagWords.Say(Message(e), parse, ctx.Service)}");
            return Usage;
        }
    }

    /// <summary>An exception's message for a person: without the " (Parameter 'x')" .NET appends, since the message already names it.</summary>
    public static string Message(Exception e) =>
        (e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message)
        .Split('\n')[0].TrimEnd(); // one line: an ArgumentOutOfRangeException adds "Actual value was …" below
}
