using Microsoft.AspNetCore.Http;
using Specwright.Ittybit;
using Specwright.Sandbox.Hosting;
using Ctx = Specwright.Ittybit.IttybitJsonContext;

namespace Specwright.Sandbox.Ittybit;

/// <summary>Storage connections and API keys: what a project reaches and what reaches it.</summary>
internal sealed partial class IttybitHandlers
{
    /// <summary>What the API answers for a connection's secret: never the secret (the vendor's example shows the same).</summary>
    private const string HiddenSecret = "...";

    // ---------------------------------------------------------------- connections

    public async Task<Reply> CreateConnectionAsync(HttpContext http, Project project)
    {
        var req = await ReadAsync(http, Ctx.Default.CreateConnectionRequest);
        var now = Now;
        var connection = new Connection
        {
            Id = "con_" + Ids.Base62String(16), Object = "storage_connection", Kind = req.Kind, Name = req.Name,
            Endpoint = req.Endpoint, Region = req.Region, AccessKeyId = req.AccessKeyId, SecretAccessKey = HiddenSecret,
            CreatedAt = now, UpdatedAt = now,
        };
        lock (project.Gate)
        {
            connection.IsDefault = project.Connections.Count == 0; // the first connection is the project's default
            project.Connections.Add(connection);
            return Json.Reply(201, connection, Ctx.Default.Connection);
        }
    }

    public Reply GetConnection(Project project, string id)
    {
        lock (project.Gate) return Json.Reply(200, FindConnection(project, id), Ctx.Default.Connection);
    }

    public async Task<Reply> UpdateConnectionAsync(HttpContext http, Project project, string id)
    {
        var req = await ReadAsync(http, Ctx.Default.UpdateConnectionRequest);
        lock (project.Gate)
        {
            var c = FindConnection(project, id);
            if (req.Name is not null) c.Name = req.Name;
            if (req.Endpoint is not null) c.Endpoint = req.Endpoint;
            if (req.Region is not null) c.Region = req.Region;
            if (req.AccessKeyId is not null) c.AccessKeyId = req.AccessKeyId;
            if (req.IsDefault is true)
                foreach (var other in project.Connections) other.IsDefault = ReferenceEquals(other, c);
            else if (req.IsDefault is false) c.IsDefault = false;
            c.UpdatedAt = Now;
            return Json.Reply(200, c, Ctx.Default.Connection);
        }
    }

    public Reply DeleteConnection(Project project, string id)
    {
        lock (project.Gate)
        {
            project.Connections.Remove(FindConnection(project, id));
            return NoContent;
        }
    }

    public Reply ListConnections(HttpContext http, Project project)
    {
        lock (project.Gate) return Paging.Page(http, project.Connections.ToList(), c => c.Id, Ctx.Default.IListConnection);
    }

    private static Connection FindConnection(Project project, string id) =>
        project.Connections.FirstOrDefault(c => c.Id == id) ?? throw IttybitFailure.Of("connection_not_found");

    // ---------------------------------------------------------------- keys

    public async Task<Reply> CreateKeyAsync(HttpContext http, Project project)
    {
        var req = await ReadAsync(http, Ctx.Default.CreateKeyRequest);
        var now = Now;
        var secret = "ittybit_" + Ids.Base62String(32);
        var created = new CreatedKey { Id = "key_" + Ids.Base62String(16), Object = "key", Name = req.Name, Status = KeyStatus.Active, CreatedAt = now, UpdatedAt = now, Secret = secret };
        lock (project.Gate)
        {
            project.Keys.Add((new Key { Id = created.Id, Object = "key", Name = created.Name, Status = created.Status, CreatedAt = now, UpdatedAt = now }, secret));
            state.IttybitProjects.AddKey(project, secret);
            return Json.Reply(201, created, Ctx.Default.CreatedKey);
        }
    }

    public Reply DeleteKey(Project project, string id)
    {
        lock (project.Gate)
        {
            var entry = project.Keys.FirstOrDefault(k => k.Key.Id == id);
            if (entry.Key is null) throw IttybitFailure.Of("key_not_found");
            project.Keys.Remove(entry);
            state.IttybitProjects.RemoveKey(entry.Secret);
            return NoContent;
        }
    }

    public Reply ListKeys(HttpContext http, Project project)
    {
        lock (project.Gate) return Paging.Page(http, project.Keys.Select(k => k.Key).ToList(), k => k.Id, Ctx.Default.IListKey);
    }
}
