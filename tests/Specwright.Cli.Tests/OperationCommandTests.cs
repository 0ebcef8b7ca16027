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

    [Fact]
    public async Task The_call_group_holds_every_operation_even_where_a_curated_command_has_its_name()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // `ittybit get-task <id>` is curated (a positional id); `ittybit call get-task --id <id>` is the spec's, as the docs show it.
        Assert.Equal(0, await CliApp.RunAsync(["ittybit", "call", "--help"], stdout, stderr));
        foreach (var operation in Specwright.Ittybit.IttybitSpec.Operations.All.Keys)
            Assert.Contains(OperationCommands.Kebab(operation), stdout.ToString());

        await using var sandbox = await Specwright.Sandbox.SandboxServer.StartAsync(Specwright.Sandbox.SandboxOptions.Fast());
        string[] at = ["--base-url", sandbox.IttybitBaseUrl.AbsoluteUri, "--api-key", Specwright.Sandbox.SandboxOptions.DemoIttybitKey];
        stdout = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["ittybit", "call", "create-task", .. at, "--body", """{"url":"https://example.com/a.mp4","kind":"image"}"""], stdout, stderr));
        var id = System.Text.Json.JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("id").GetString()!;
        stdout = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["ittybit", "call", "get-task", .. at, "--id", id], stdout, stderr));
        Assert.Equal(id, System.Text.Json.JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("id").GetString());
    }
}
