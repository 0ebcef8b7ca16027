using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Tests;

/// <summary>The sandbox routes every path template a spec can write, parameters inside a segment included.</summary>
public sealed class RouteTableTests
{
    private static readonly RouteTable<string> Routes = new RouteTable<string>()
        .Add("GET", "/2010-04-01/Accounts/{Sid}.json", "fetchAccount", "a")
        .Add("GET", "/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json", "fetchCall", "c")
        .Add("GET", "/files/{name}-{version}", "fetchFile", "f")
        .Add("DELETE", "/runs/{id}", "deleteRun", "r");

    [Theory]
    [InlineData("GET", "/2010-04-01/Accounts/AC123.json", "fetchAccount", "Sid=AC123")]
    [InlineData("GET", "/2010-04-01/Accounts/AC1/Calls/CA%2F9.json", "fetchCall", "AccountSid=AC1,Sid=CA/9")]
    [InlineData("GET", "/files/report-2", "fetchFile", "name=report,version=2")]
    [InlineData("DELETE", "/runs/r_1", "deleteRun", "id=r_1")]
    public void A_path_matches_its_template_and_yields_each_parameter(string method, string path, string operation, string values)
    {
        Assert.True(Routes.TryMatch(method, path, out var id, out _, out var found));
        Assert.Equal(operation, id);
        Assert.Equal(values, string.Join(",", found.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Theory]
    [InlineData("GET", "/2010-04-01/Accounts/AC123.xml")]
    [InlineData("GET", "/2010-04-01/Accounts/.json")]
    [InlineData("GET", "/files/report")]
    [InlineData("GET", "/runs/r_1")]
    public void A_path_that_fits_no_template_is_not_routed(string method, string path) =>
        Assert.False(Routes.TryMatch(method, path, out _, out _, out _));
}
