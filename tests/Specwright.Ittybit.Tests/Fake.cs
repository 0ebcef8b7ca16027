using Microsoft.Extensions.Logging;
using Specwright.TestSupport;

namespace Specwright.Ittybit.Tests;

internal static class Fake
{
    public const string Key = "ittybit_test_secret_0001";

    public static IttybitClient Client(FakeHttp http, TimeProvider? clock = null, int? maxRetries = null, ILoggerFactory? logs = null) =>
        new(http.CreateClient(), new IttybitClientOptions
        {
            ApiKey = Key,
            BaseUrl = new Uri("https://api.ittybit.com"),
            MaxRetries = maxRetries,
            TimeProvider = clock ?? new TestClock(),
            LoggerFactory = logs,
        });

    public static string Task(string id, string status, string extra = "") =>
        $$"""{"id":"{{id}}","object":"task","kind":"video","status":"{{status}}","run_id":"run_1","created_at":1735689825,"updated_at":1735689830{{extra}}}""";

    public static string Run(string id, string status, string extra = "") =>
        $$"""{"id":"{{id}}","object":"run","status":"{{status}}","created_at":1735689825,"updated_at":1735689830{{extra}}}""";

    public static string Tasks(params string[] ids) => "[" + string.Join(",", ids.Select(i => Task(i, "succeeded"))) + "]";

    public static string Error(string kind, string message) => $$"""{"kind":"{{kind}}","message":"{{message}}"}""";
}
