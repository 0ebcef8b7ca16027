using System.Text;
using Specwright.Core.Webhooks;

namespace Specwright.WebScrape.Tests;

/// <summary>SmartBrowse's webhook parser; the endpoint and de-duplication are tested in Specwright.Core.Tests.</summary>
public class WebhookTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void SmartBrowse_payloads_take_the_dotted_labels_and_are_keyed_by_run_and_event()
    {
        var payload = SmartBrowseWebhooks.Parse(Utf8("""{"event":"smartbrowse.completed","timestamp":"2026-05-21T17:04:12Z","run_id":"k7Xb9dRmQ2p","recipe_id":"m3Yc2tFvN8q","status":"completed"}"""));

        Assert.Equal(WebhookEvent.Completed, payload.Event);
        Assert.Equal("k7Xb9dRmQ2p:completed", SmartBrowseWebhooks.Parser.DeliveryId(payload));
        Assert.Contains("no 'run_id'", Assert.Throws<WebhookFormatException>(() =>
            SmartBrowseWebhooks.Parse(Utf8("""{"event":"failed","timestamp":"2026-05-21T17:04:12Z","run_id":"","recipe_id":"r","status":"failed"}"""))).Message);
    }
}
