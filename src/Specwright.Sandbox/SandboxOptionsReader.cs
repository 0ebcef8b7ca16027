using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Specwright.Sandbox;

/// <summary>
/// Reads <see cref="SandboxOptions"/> from configuration (command line <c>--Sandbox:RequestsPerMinute=120</c>
/// or environment <c>SPECWRIGHT_Sandbox__RequestsPerMinute=120</c>). Read by hand: no reflection binding.
/// </summary>
public static class SandboxOptionsReader
{
    public static SandboxOptions Read(IConfiguration config)
    {
        var s = config.GetSection("Sandbox");
        var o = new SandboxOptions { Urls = config["urls"] ?? "http://127.0.0.1:5080" };
        if (Int(s, "DemoCredits") is { } credits) o.DemoCredits = credits;
        if (Int(s, "RequestsPerMinute") is { } rpm) o.RequestsPerMinute = rpm;
        if (Int(s, "MaxConcurrentRequests") is { } mc) o.MaxConcurrentRequests = mc;
        if (Int(s, "RunsPerMonthCap") is { } runs) o.RunsPerMonthCap = runs;
        if (Int(s, "PagesPerRunCap") is { } pages) o.PagesPerRunCap = pages;
        if (Int(s, "MaxRequestBodyBytes") is { } bytes) o.MaxRequestBodyBytes = bytes;
        if (Int(s, "RunQueueDelayMs") is { } queue) o.RunQueueDelay = TimeSpan.FromMilliseconds(queue);
        if (Int(s, "RunPageDurationMs") is { } page) o.RunPageDuration = TimeSpan.FromMilliseconds(page);
        if (Int(s, "ScrapeLlmDemoCredits") is { } sllmCredits) o.ScrapeLlmDemoCredits = sllmCredits;
        if (Int(s, "ScrapeLlmJobDurationMs") is { } job) o.ScrapeLlmJobDuration = TimeSpan.FromMilliseconds(job);
        if (Int(s, "IttybitDemoCredits") is { } ittyCredits) o.IttybitDemoCredits = ittyCredits;
        if (Int(s, "IttybitStepDurationMs") is { } step) o.IttybitStepDuration = TimeSpan.FromMilliseconds(step);
        foreach (var key in s.GetSection("Keys").GetChildren())
            o.WebScrapeKeys[key.Key] = int.Parse(key.Value ?? "0", CultureInfo.InvariantCulture);
        return o;
    }

    private static int? Int(IConfiguration s, string name) =>
        s[name] is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v
                : throw new FormatException($"Sandbox:{name} must be an integer (got '{text}').")
            : null;
}
