using System.Text;
using Specwright.Core.Webhooks;

namespace Specwright.Ittybit.Tests;

/// <summary>Ittybit's webhook parser; the endpoint and de-duplication are tested in Specwright.Core.Tests.</summary>
public class WebhookTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static string EventJson(string id, string kind, string data) =>
        $$"""{"id":"{{id}}","object":"event","kind":"{{kind}}","data":{{data}},"created_at":1735689840}""";

    [Fact]
    public void An_event_is_typed_by_its_topic()
    {
        var task = IttybitWebhooks.Parse(Utf8(EventJson("evt_1", "task.succeeded", Fake.Task("task_1", "succeeded"))));
        Assert.Equal(("task_1", Status.Succeeded), (task.Task!.Id, task.Task.Status));
        Assert.Null(task.Run);

        var run = IttybitWebhooks.Parse(Utf8(EventJson("evt_2", "run.failed", Fake.Run("run_1", "failed"))));
        Assert.Equal(("run_1", Status.Failed), (run.Run!.Id, run.Run.Status));
        Assert.Null(run.Task);
        Assert.Equal("evt_2", IttybitWebhooks.Parser.DeliveryId(run));
    }

    [Theory]
    [InlineData("not json", "is not an event object")]
    [InlineData("""{"id":"evt_1","object":"task","kind":"task.created","data":{},"created_at":1}""", "'object' is 'task', expected 'event'")]
    [InlineData("""{"id":"","object":"event","kind":"task.created","data":{},"created_at":1}""", "has no 'id'")]
    [InlineData("""{"id":"evt_1","object":"event","kind":"task.created","data":{"id":5},"created_at":1}""", "is not an event object")]
    public void A_body_that_is_not_an_event_is_refused_naming_the_problem(string body, string problem)
    {
        var e = Assert.Throws<WebhookFormatException>(() => IttybitWebhooks.Parse(Utf8(body)));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith("Ittybit webhook:", e.Message);
    }

}
