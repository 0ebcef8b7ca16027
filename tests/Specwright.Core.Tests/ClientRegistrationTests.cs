using Microsoft.Extensions.DependencyInjection;
using Specwright.Core.DependencyInjection;
using Specwright.Core.Internal;

namespace Specwright.Core.Tests;

/// <summary>The one DI registration behind every service's <c>Add…Client</c>.</summary>
public sealed class ClientRegistrationTests
{
    private sealed record Holder(HttpClient Http);

    [Fact]
    public void The_factorys_HttpClient_has_no_Timeout_of_its_own_since_the_SDK_times_each_attempt()
    {
        var services = new ServiceCollection();
        SpecwrightClientRegistration.Add<Holder, TestServiceOptions>(services, null, o => o.ApiKey = TestService.Key,
            o => o.Resolve("Test", "SPECWRIGHT_TEST_API_KEY", "https://api.test.example", 2), (http, _) => new Holder(http));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(Timeout.InfiniteTimeSpan, provider.GetRequiredService<Holder>().Http.Timeout); // not the factory's 100 s
    }
}
