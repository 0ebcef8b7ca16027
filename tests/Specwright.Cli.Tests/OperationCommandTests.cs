using Specwright.Cli.Commands;

namespace Specwright.Cli.Tests;

/// <summary>The commands made from each service's spec: their names, flags and answers.</summary>
public sealed class OperationCommandTests
{
    [Theory]
    [InlineData("getSmartBrowseRun", "get-smart-browse-run")]
    [InlineData("run_id", "run-id")]
    [InlineData("X-Trace-ID", "x-trace-id")]
    [InlineData("URLList", "url-list")]
    [InlineData("submitChatgptJob", "submit-chatgpt-job")]
    public void Operation_ids_and_parameter_names_become_kebab_case(string name, string kebab) =>
        Assert.Equal(kebab, OperationCommands.Kebab(name));

    [Fact]
    public async Task Every_operation_without_a_curated_command_has_one_and_answers_json()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["ittybit", "--help"], stdout, stderr));
        foreach (var command in new[] { "create-task", "list-tasks", "get-connection", "update-automation", "list-events", "get-event" })
            Assert.Contains(command, stdout.ToString());

        stdout = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["ittybit", "create-automation", "--sandbox", "--body",
            """{"name":"thumbs","trigger":{"kind":"event","event":"media.created"},"workflow":[{"kind":"image"}]}"""], stdout, stderr));
        var created = System.Text.Json.JsonDocument.Parse(stdout.ToString()).RootElement;
        Assert.StartsWith("auto_", created.GetProperty("id").GetString());

        stdout = new StringWriter();
        stderr = new StringWriter();
        Assert.Equal(2, await CliApp.RunAsync(["ittybit", "create-automation", "--sandbox", "--body", "{not json"], stdout, stderr));
        Assert.Contains("--body: not valid JSON (line 1, byte 2)", stderr.ToString());
    }
}
