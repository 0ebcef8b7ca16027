using System.CommandLine;
using Specwright.Ittybit;

namespace Specwright.Cli.Commands;

/// <summary>
/// <c>specwright ittybit connections | delete-connection | keys | create-key | delete-key</c>: the project's storage
/// connections and API keys. Creating a connection takes secrets, so it is left to the SDK and the web app, not argv.
/// </summary>
internal static class IttybitAccessCommands
{
    public static IEnumerable<Command> Create(CliContext ctx) =>
        [ListConnections(ctx), DeleteConnection(ctx), ListKeys(ctx), CreateKey(ctx), DeleteKey(ctx)];

    private static void Act(Command command, CliContext ctx, Func<ParseResult, ServiceConnection<IttybitClient>, CancellationToken, Task> action) =>
        ServiceConnection<IttybitClient>.Act(command, ctx, Connections.IttybitAsync, action);

    private static Command ListConnections(CliContext ctx)
    {
        var cmd = new Command("connections", "List the project's storage connections (the default one is marked)");
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var all = await c.Client.Connections.ListAsync(null, ct).ToListAsync(ct);
            if (ctx.Json(p))
            {
                Render.Json(ctx, all, IttybitJsonContext.Default.IListConnection);
                return;
            }
            if (all.Count == 0) ctx.Note("no connections");
            foreach (var x in all) ctx.Out.WriteLine($"{x.Id} {x.Kind} {x.Name}{(x.IsDefault ? " (default)" : "")} {x.Endpoint}");
        });
        return cmd;
    }

    private static Command DeleteConnection(CliContext ctx)
    {
        var id = new Argument<string>("id") { Description = "The connection's id (con_...)" };
        var cmd = new Command("delete-connection", "Delete a storage connection") { id };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            await c.Client.Connections.DeleteAsync(p.GetValue(id)!, ct);
            ctx.Note($"deleted {p.GetValue(id)}");
        });
        return cmd;
    }

    private static Command ListKeys(CliContext ctx)
    {
        var cmd = new Command("keys", "List the project's API keys (never their secrets)");
        Act(cmd, ctx, async (p, c, ct) =>
        {
            var all = await c.Client.Keys.ListAsync(null, ct).ToListAsync(ct);
            if (ctx.Json(p))
            {
                Render.Json(ctx, all, IttybitJsonContext.Default.IListKey);
                return;
            }
            foreach (var k in all) ctx.Out.WriteLine($"{k.Id} {k.Status} {k.Name} {k.CreatedAt:u}");
        });
        return cmd;
    }

    private static Command CreateKey(CliContext ctx)
    {
        var name = new Argument<string>("name") { Description = "A name for the key" };
        var cmd = new Command("create-key", "Create an API key; prints its secret (shown this once) on stdout, for a secret store") { name };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            CreatedKey key = await c.Client.Keys.CreateAsync(new CreateKeyRequest { Name = p.GetValue(name)! }, ct);
            ctx.Note($"created {key.Id}; its secret is shown this once");
            ctx.Out.WriteLine(key.Secret);
        });
        return cmd;
    }

    private static Command DeleteKey(CliContext ctx)
    {
        var id = new Argument<string>("id") { Description = "The key's id (key_...)" };
        var cmd = new Command("delete-key", "Delete an API key: requests with it are refused from then on") { id };
        Act(cmd, ctx, async (p, c, ct) =>
        {
            await c.Client.Keys.DeleteAsync(p.GetValue(id)!, ct);
            ctx.Note($"deleted {p.GetValue(id)}");
        });
        return cmd;
    }
}
