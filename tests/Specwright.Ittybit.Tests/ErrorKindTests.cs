using Specwright.Core.Errors;
using Specwright.TestSupport;

namespace Specwright.Ittybit.Tests;

public class ErrorKindTests
{
    public static TheoryData<string> Kinds() => new(IttybitErrorFactory.KnownCodes);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_documented_kind_throws_its_own_exception(string kind)
    {
        var status = IttybitErrorFactory.StatusForCode(kind);
        var http = new FakeHttp().ThenJson(status, Fake.Error(kind, "Explained."));
        using var client = Fake.Client(http, maxRetries: 0);

        var e = await Assert.ThrowsAnyAsync<IttybitApiException>(() => client.Tasks.GetAsync("task_1"));

        var pascal = string.Concat(kind.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        // <Kind>Exception, or <Kind>ApiException where .NET's default namespaces already have the name (KeyNotFoundException).
        Assert.Equal(Type.GetType($"System.Collections.Generic.{pascal}Exception") is null && Type.GetType($"System.{pascal}Exception") is null
            ? pascal + "Exception" : pascal + "ApiException", e.GetType().Name);
        Assert.Equal((kind, status, "Explained."), (e.ErrorCode, e.StatusCode, e.ErrorMessage));
    }

    [Fact]
    public async Task An_unknown_kind_is_kept_on_the_base_exception()
    {
        var http = new FakeHttp().ThenJson(400, Fake.Error("invalid_input", "Field 'x' is wrong."));
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<IttybitApiException>(() => client.Runs.GetAsync("run_1"));

        Assert.Equal(("invalid_input", "Field 'x' is wrong."), (e.ErrorCode, e.ErrorMessage));
        Assert.StartsWith("invalid_input (HTTP 400) from getRun", e.Message);
    }

    [Fact]
    public async Task A_body_without_a_kind_keeps_its_excerpt_and_gets_the_kind_its_status_implies()
    {
        var http = new FakeHttp().Then(_ => new HttpResponseMessage((System.Net.HttpStatusCode)402) { Content = new StringContent("<html>billing</html>") });
        using var client = Fake.Client(http);

        var e = await Assert.ThrowsAsync<PaymentRequiredException>(() => client.Runs.GetAsync("run_1"));
        Assert.Equal("<html>billing</html>", e.ResponseBody);
    }

    [Fact]
    public async Task A_429_is_retried_after_Retry_After_and_the_key_goes_as_a_bearer_token_never_into_messages()
    {
        var clock = new TestClock();
        var http = new FakeHttp()
            .ThenJson(429, Fake.Error("rate_limited", "Slow down."), r => r.Headers.TryAddWithoutValidation("Retry-After", "7"))
            .ThenJson(200, Fake.Task("task_1", "queued"));
        using var client = Fake.Client(http, clock);

        var task = await client.Tasks.GetAsync("task_1");

        Assert.Equal(Status.Queued, task.Value.Status);
        Assert.Equal([TimeSpan.FromSeconds(7)], clock.Delays);
        Assert.All(http.Requests, r => Assert.Equal("Bearer " + Fake.Key, r.Headers["Authorization"]));
        Assert.DoesNotContain(Fake.Key, client.ToString());
    }

    [Fact]
    public async Task A_create_is_not_retried_after_a_500_but_a_read_is()
    {
        var http = new FakeHttp().ThenJson(500, Fake.Error("internal_error", "Oops."));
        using var client = Fake.Client(http);

        await Assert.ThrowsAsync<InternalErrorException>(() => client.Tasks.CreateAsync(new CreateTaskRequest { Url = "https://x/a.mp4", Kind = TaskKind.Video }));
        Assert.Single(http.Requests);

        await Assert.ThrowsAsync<InternalErrorException>(() => client.Tasks.GetAsync("task_1"));
        Assert.Equal(1 + 1 + IttybitSpec.Retry.MaxRetries, http.Requests.Count);
    }

    [Fact]
    public async Task A_429_on_a_create_is_retried_since_it_was_refused_before_any_work()
    {
        var clock = new TestClock();
        var http = new FakeHttp()
            .ThenJson(429, Fake.Error("rate_limited", "Slow down."), r => r.Headers.TryAddWithoutValidation("Retry-After", "3"))
            .ThenJson(201, Fake.Task("task_1", "waiting"))
            .ThenJson(429, Fake.Error("rate_limited", "Slow down."), r => r.Headers.TryAddWithoutValidation("Retry-After", "4"))
            .ThenJson(201, Fake.Run("run_1", "waiting"));
        using var client = Fake.Client(http, clock);

        MediaTask task = await client.Tasks.CreateAsync(new CreateTaskRequest { Url = "https://x/a.mp4", Kind = TaskKind.Video });
        Run run = await client.Runs.CreateAsync(new CreateRunRequest { Tasks = [new TaskDefinition { Kind = TaskKind.Ingest }] });

        Assert.Equal(("task_1", "run_1"), (task.Id, run.Id));
        Assert.Equal(4, http.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)], clock.Delays);
        Assert.Equal([429], IttybitSpec.Operations.CreateTask.Info.RetryableStatuses);
        Assert.Equal([408, 429, 500, 502, 503], IttybitSpec.Operations.GetTask.Info.RetryableStatuses);
    }

    [Fact]
    public void Without_a_key_the_error_names_the_environment_variable()
    {
        var saved = Environment.GetEnvironmentVariable("ITTYBIT_API_KEY");
        Environment.SetEnvironmentVariable("ITTYBIT_API_KEY", null);
        try
        {
            var e = Assert.Throws<ConfigurationException>(() => new IttybitClient(new IttybitClientOptions()));
            Assert.Contains("ITTYBIT_API_KEY", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ITTYBIT_API_KEY", saved);
        }
    }

    [Fact]
    public async Task Blank_ids_and_urls_are_refused_by_name_before_sending()
    {
        var http = new FakeHttp();
        using var client = Fake.Client(http);

        Assert.Equal("id", (await Assert.ThrowsAsync<ArgumentException>(() => client.Tasks.GetAsync(" "))).ParamName);
        Assert.Equal("body.Url", (await Assert.ThrowsAsync<ArgumentException>(() => client.Tasks.CreateAsync(new CreateTaskRequest { Kind = TaskKind.Video, Url = "" }))).ParamName);
        Assert.Equal("body", (await Assert.ThrowsAsync<ArgumentNullException>(() => client.Runs.CreateAsync(null!))).ParamName);
        Assert.Equal("body.Tasks", (await Assert.ThrowsAsync<ArgumentException>(() => client.Runs.CreateAsync(new CreateRunRequest { Tasks = [] }))).ParamName);
        var topics = await Assert.ThrowsAsync<ArgumentException>(() => client.Webhooks.CreateEndpointAsync(new CreateWebhookEndpointRequest { Url = "https://x", Topics = [] }));
        Assert.Equal(("body.Topics", "'body.Topics' must hold at least 1 item(s), got 0. (Parameter 'body.Topics')"), (topics.ParamName, topics.Message));
        Assert.Empty(http.Requests);
    }
}
