using System.CommandLine;
using System.Text.Json;
using Specwright.Core.Http;
using Specwright.Sandbox;

namespace Specwright.Cli.Commands;

/// <summary>
/// <c>specwright &lt;service&gt; &lt;operation&gt; [--&lt;param&gt; value …] [--body @file.json | --body - | --body '{…}']</c>: one command
/// per operation of every service the CLI was built with, made from the service's generated description (names from
/// operationIds in kebab-case, help from summaries). The curated commands keep their names; these cover every other
/// operation, a new service's included, and <c>specwright &lt;service&gt; call &lt;operation&gt;</c> holds all of them. Output is the response's JSON on stdout; errors follow the usual exit codes.
/// </summary>
internal static class OperationCommands
{
    /// <summary>Flags the CLI itself uses: a parameter with one of these names is <c>--&lt;in&gt;-&lt;name&gt;</c> instead (<c>--query-json</c>).</summary>
    private static readonly HashSet<string> Reserved = ["api-key", "base-url", "server", "server-variable", "credential", "sandbox", "json", "body", "help"];

    public static void AddTo(RootCommand root, CliContext ctx)
    {
        foreach (var service in SandboxServer.Services)
        {
            var command = root.Subcommands.FirstOrDefault(c => c.Name == service.Name);
            if (command is null)
            {
                command = new Command(service.Name, $"{service.Title} {service.Version}: every operation of openapi/{service.SpecFile}");
                root.Add(command);
            }
            // `<service> call <operation>` holds every operation, so a curated command of the same name never hides one (the docs
            // show this form); where no curated command holds the name, it is also `<service> <operation>`.
            var call = new Command(Specwright.Shared.CommandNames.Call, $"Every operation of {service.Title} as made from its spec (--<param> flags, --body JSON)");
            foreach (var operation in service.Operations.Values)
            {
                var name = Kebab(operation.Id);
                call.Add(Create(ctx, service, operation, name));
                if (command.Subcommands.All(c => c.Name != name)) command.Add(Create(ctx, service, operation, name));
            }
            if (command.Subcommands.All(c => c.Name != call.Name)) command.Add(call);
        }
    }

    private static Command Create(CliContext ctx, ServiceDescription service, OperationInfo operation, string name)
    {
        var command = new Command(name, $"{operation.Summary ?? operation.Id} ({operation.Method} {operation.Path})");
        var flags = new List<(OperationParameter Parameter, Option<string> Option)>();
        var used = new HashSet<string>(Reserved, StringComparer.Ordinal);
        foreach (var parameter in operation.Parameters)
        {
            var flag = Kebab(parameter.Name);
            // A CLI flag, or a second parameter of the same kebab name (a path `id` and a query `id`), is prefixed instead.
            if (used.Contains(flag)) flag = $"{parameter.In.ToString().ToLowerInvariant()}-{flag}";
            while (used.Contains(flag)) flag = "param-" + flag;
            used.Add(flag);
            var option = new Option<string>("--" + flag)
            {
                Description = $"{parameter.Description ?? parameter.Name} ({parameter.In.ToString().ToLowerInvariant()}, {parameter.Type})",
                Required = parameter.Required,
            };
            flags.Add((parameter, option));
            command.Add(option);
        }
        Option<string>? body = null;
        if (operation.Body is { } declared)
        {
            body = new Option<string>("--body")
            {
                Description = $"The JSON request body: @file.json, - for stdin, or the JSON itself{(declared.Required ? "" : " (optional)")}",
                Required = declared.Required,
            };
            command.Add(body);
        }
        // A download (any answer but JSON and events): to --out's file, else as it comes to stdout.
        Option<string>? output = null;
        if (operation.ResponseMediaType is { } downloaded && !IsEventStream(downloaded))
        {
            output = new Option<string>("--out") { Description = $"Write the {downloaded} answer to this file (default: stdout)" };
            command.Add(output);
        }
        ServiceConnection<IOperationClient>.Act(command, ctx,
            (c, p, ct) =>
            {
                var credentials = CredentialFlags.Read(c, p, service);
                var sandboxed = false;
                return ServiceConnection<IOperationClient>.OpenAsync(c, p, service.ApiKeyEnvironmentVariable, s => { sandboxed = true; return s.DemoKeyOf(service.Name); },
                    s => s.BaseUrlOf(service.Name), (key, url) => CredentialFlags.CreateClient(service, key, url, credentials, sandboxed), ct, service.ServerUrl);
            },
            async (p, connection, ct) =>
            {
                var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (parameter, option) in flags)
                    if (p.GetValue(option) is { } value) arguments[parameter.Name] = value;
                var json = body is not null && p.GetValue(body) is { } text ? await ReadBodyAsync(text, ct) : (JsonElement?)null;
                if (operation.ResponseMediaType is { } media && IsEventStream(media))
                {
                    using var events = (await connection.Client.SendOperationForContentAsync(operation.Id, arguments, json, ct)).Value;
                    await EventOutput.PrintAsync(ctx, ctx.Json(p), events.Stream, ct);
                    return;
                }
                if (output is not null)
                {
                    using var content = (await connection.Client.SendOperationForContentAsync(operation.Id, arguments, json, ct)).Value;
                    await DownloadOutput.WriteAsync(ctx, ctx.Json(p), content, p.GetValue(output), ct);
                    return;
                }
                var response = await connection.Client.SendOperationAsync(operation.Id, arguments, json, ct);
                Render.JsonElement(ctx, response.Value);
            });
        return command;
    }

    /// <summary>The body as given: <c>@path</c> a file, <c>-</c> stdin, anything else the JSON itself; it must parse.</summary>
    private static async Task<JsonElement> ReadBodyAsync(string text, CancellationToken ct)
    {
        string json;
        if (text == "-") json = await Console.In.ReadToEndAsync(ct);
        else if (text.StartsWith('@'))
        {
            var path = text[1..];
            if (!File.Exists(path)) throw new ArgumentException($"--body: no file '{path}'.");
            json = await File.ReadAllTextAsync(path, ct);
        }
        else json = text;
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--body: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }

    private static bool IsEventStream(string mediaType) => mediaType.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>getSmartBrowseRun</c> -> <c>get-smart-browse-run</c>; <c>run_id</c> -> <c>run-id</c>.</summary>
    public static string Kebab(string name) => Specwright.Shared.CommandNames.Kebab(name);
}
