using System.Diagnostics;
using System.Diagnostics.Metrics;
using Specwright.Core.Diagnostics;
using Specwright.Core.Polling;
using Specwright.Sandbox;
using Specwright.Sandbox.Faults;
using Specwright.TestSupport;
using Specwright.WebScrape;

namespace Specwright.Cli.Tests;

/// <summary>Logs and traces of a busy session (retries, polls, errors) name operations and never the key.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Logs_spans_and_metrics_cover_requests_retries_polls_and_credits_without_the_key()
    {
        await using var sandbox = await SandboxServer.StartAsync(SandboxOptions.Fast());
        var logs = new CapturingLoggerFactory();
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == SpecwrightTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) activities.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        var measurements = new List<(string Name, long Value)>();
        using var meters = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == SpecwrightTelemetry.Name) l.EnableMeasurementEvents(i); } };
        meters.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (measurements) measurements.Add((i.Name, v)); });
        meters.Start();

        var key = SandboxOptions.DemoWebScrapeKey;
        using var client = new WebScrapeClient(new WebScrapeClientOptions
        {
            ApiKey = key, BaseUrl = sandbox.WebScrapeBaseUrl, LoggerFactory = logs, TimeProvider = new TestClock(),
        });
        sandbox.State.Faults.Arm(new FaultRule { Kind = "status", Status = 502, Operation = "scrape" });
        await client.ScrapeAsync(new ScrapeRequest { WebsiteUrl = new Uri("https://example.com") });
        using var real = new WebScrapeClient(new WebScrapeClientOptions { ApiKey = key, BaseUrl = sandbox.WebScrapeBaseUrl, LoggerFactory = logs });
        await real.SmartBrowse.RunAndWaitAsync("m3Yc2tFvN8q",
            schedule: new PollingSchedule { InitialInterval = TimeSpan.FromMilliseconds(10), MaxInterval = TimeSpan.FromMilliseconds(40), Timeout = TimeSpan.FromSeconds(30) });
        await Assert.ThrowsAsync<NotFoundException>(() => real.SmartBrowse.GetRunAsync("nope0000000"));

        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("scrape: HTTP 502; retry 1 of 2"));
        Assert.Contains(lines, l => l.Contains("scrape: POST /v1/scrape -> HTTP 200 (attempt 2)"));
        Assert.Contains(lines, l => l.Contains("getSmartBrowseRun: poll says completed"));
        lock (activities)
        {
            Assert.Contains(activities, a => a.OperationName == "WebScrape.scrape");
            Assert.Contains(activities, a => a.OperationName == "WebScrape.getSmartBrowseRun");
            Assert.DoesNotContain(activities, a => a.TagObjects.Any(t => t.Value?.ToString()?.Contains(key) == true) || a.DisplayName.Contains(key));
        }
        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Name == "specwright.http.retries");
            Assert.Contains(measurements, m => m.Name == "specwright.polls");
            Assert.Contains(measurements, m => m.Name == "specwright.credits.used" && m.Value == 1);
        }
        Assert.DoesNotContain(lines, l => l.Contains(key) || l.Contains(key[9..]));
    }
}
