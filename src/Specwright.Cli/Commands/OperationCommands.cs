using System.CommandLine;
using System.Text.Json;
using Specwright.Core.Http;
using Specwright.Generator.Model;
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
    private static readonly HashSet<string> Reserved = ["api-key", "base-url", "server", "server-variable", "credential", "sandbox", "json", "body", "form", "file", "out", "help"];

    /// <param name="contexts">Each service's context, by service name.</param>
    public static void AddTo(RootCommand root, IReadOnlyDictionary<string, CliContext> contexts)
    {
        foreach (var service in SandboxServer.Services)
        {
            var ctx = contexts[service.Name];
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
        var body = BodyFlags.For(operation);
        foreach (var option in body.Options) command.Add(option);
        // A download (any answer but JSON and events): to --out's file, else as it comes to stdout.
        Option<string>? output = null;
        if (operation.ResponseMediaType is { } downloaded && !MediaTypes.IsEventStream(downloaded))
        {
            output = new Option<string>("--out") { Description = $"Write the {downloaded} answer to this file (default: stdout)" };
            command.Add(output);
        }
        ServiceConnection<IOperationClient>.Act(command, ctx,
            (c, p, ct) =>
            {
                // The spec's bounds before anything starts or is sent: `--limit 500` where the spec allows 1 to 100 is a usage error.
                foreach (var (parameter, option) in flags)
                    if (p.GetValue(option) is { } value)
                        try { parameter.Check(value); }
                        catch (ArgumentException e) { throw new ArgumentException(ExitCodes.Message(e).Replace($"'{parameter.Name}'", option.Name, StringComparison.Ordinal)); }
                var credentials = CredentialFlags.Read(c, p, service);
                var sandboxed = false;
                return ServiceConnection<IOperationClient>.OpenAsync(c, p, s => { sandboxed = true; return s.DemoKeyOf(service.Name); },
                    s => s.BaseUrlOf(service.Name), (key, url) => CredentialFlags.CreateClient(service, key, url, credentials, sandboxed), ct);
            },
            async (p, connection, ct) =>
            {
                var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (parameter, option) in flags)
                    if (p.GetValue(option) is { } value) arguments[parameter.Name] = value;
                await using var content = await body.ReadAsync(p, ct);
                if (operation.ResponseMediaType is { } media && MediaTypes.IsEventStream(media))
                {
                    using var events = (await SendForContentAsync(connection.Client, operation.Id, arguments, content, ct)).Value;
                    await EventOutput.PrintAsync(ctx, ctx.Json(p), events.Stream, ct);
                    return;
                }
                if (output is not null)
                {
                    using var download = (await SendForContentAsync(connection.Client, operation.Id, arguments, content, ct)).Value;
                    await DownloadOutput.WriteAsync(ctx, ctx.Json(p), download, p.GetValue(output), ct);
                    return;
                }
                var response = content?.Value is { } sent
                    ? await connection.Client.SendOperationAsync(operation.Id, arguments, sent, ct)
                    : await connection.Client.SendOperationAsync(operation.Id, arguments, body: null, ct);
                Render.JsonElement(ctx, response.Value);
            });
        return command;
    }

    private static Task<Specwright.Core.Http.ApiResponse<StreamedContent>> SendForContentAsync(IOperationClient client, string operationId,
        Dictionary<string, string> arguments, BodyFlags.Body? content, CancellationToken ct) =>
        content?.Value is { } sent
            ? client.SendOperationForContentAsync(operationId, arguments, sent, ct)
            : client.SendOperationForContentAsync(operationId, arguments, body: null, ct);

    /// <summary><c>getSmartBrowseRun</c> -> <c>get-smart-browse-run</c>; <c>run_id</c> -> <c>run-id</c>.</summary>
    public static string Kebab(string name) => Specwright.Shared.CommandNames.Kebab(name);
}
