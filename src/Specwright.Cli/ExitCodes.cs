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

    public static async Task<int> GuardAsync(CliContext ctx, Func<Task> action, CancellationToken cancellationToken)
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
            ctx.Err.WriteLine($"error: {e.ErrorCode ?? "unknown"} (HTTP {e.StatusCode}): {e.ErrorMessage}{(e.RequestId is null ? "" : $" [request {e.RequestId}]")}");
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
            ctx.Err.WriteLine($"error: {Message(e)}");
            return Usage;
        }
    }

    /// <summary>An exception's message for a person: without the " (Parameter 'x')" .NET appends, since the message already names it.</summary>
    public static string Message(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;
}
