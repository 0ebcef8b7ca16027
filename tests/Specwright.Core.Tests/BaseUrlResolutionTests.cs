using Specwright.Core.Errors;

namespace Specwright.Core.Tests;

/// <summary>
/// Where a client's base URL comes from: its options, else the service's <c>&lt;SERVICE&gt;_BASE_URL</c> environment variable
/// (how an app is pointed at a sandbox), else the spec's server. Each test has a variable of its own: the process's
/// environment is shared by tests running at once.
/// </summary>
public sealed class BaseUrlResolutionTests
{
    private static string Variable() => "SPECWRIGHT_TEST_BASE_URL_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private static Uri Resolve(TestServiceOptions options, string variable) =>
        options.Resolve("Test", "SPECWRIGHT_TEST_UNUSED_KEY", variable, "https://api.test.example/v1", 2).BaseUrl;

    [Fact]
    public void The_environment_variable_is_read_when_the_options_set_no_base_url()
    {
        var variable = Variable();
        Environment.SetEnvironmentVariable(variable, "http://127.0.0.1:5080/v1");
        try
        {
            Assert.Equal(new Uri("http://127.0.0.1:5080/v1/"), Resolve(new TestServiceOptions { ApiKey = "k" }, variable));
            Assert.Equal(new Uri("https://proxy.example/v1/"),
                Resolve(new TestServiceOptions { ApiKey = "k", BaseUrl = new Uri("https://proxy.example/v1") }, variable)); // options win
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
        Assert.Equal(new Uri("https://api.test.example/v1/"), Resolve(new TestServiceOptions { ApiKey = "k" }, variable)); // unset: the spec's
    }

    [Fact]
    public void A_bad_value_in_the_environment_variable_is_an_error_naming_the_variable()
    {
        var variable = Variable();
        Environment.SetEnvironmentVariable(variable, "127.0.0.1:5080");
        try
        {
            var e = Assert.Throws<ConfigurationException>(() => Resolve(new TestServiceOptions { ApiKey = "k" }, variable));
            Assert.Contains($"the {variable} environment variable must be an absolute http(s) URL, got '127.0.0.1:5080'", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void A_spec_without_servers_names_both_settings_when_neither_is_set()
    {
        var e = Assert.Throws<ConfigurationException>(() =>
            new TestServiceOptions { ApiKey = "k" }.Resolve("Test", "SPECWRIGHT_TEST_UNUSED_KEY", "SPECWRIGHT_TEST_NO_SUCH_BASE_URL", null, 2));
        Assert.Equal("TestServiceOptions.BaseUrl is required: the Test spec names no server (or set the SPECWRIGHT_TEST_NO_SUCH_BASE_URL environment variable).", e.Message);
    }
}
