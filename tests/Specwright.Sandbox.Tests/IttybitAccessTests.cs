using Specwright.Ittybit;

namespace Specwright.Sandbox.Tests;

/// <summary>
/// Ittybit's storage connections and API keys through the generated SDK against the sandbox; every response is
/// checked against openapi/ittybit.yaml. The SDK has no handwritten line for either resource.
/// </summary>
public sealed class IttybitAccessTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static CreateConnectionRequest S3(string name) => new()
    {
        Name = name, Kind = ConnectionKind.S3, Endpoint = "https://s3.us-east-1.amazonaws.com", Region = "us-east-1",
        AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    };

    [Fact]
    public async Task Connections_are_created_read_made_default_listed_and_deleted_and_never_show_their_secret()
    {
        using var client = sandbox.Ittybit(sandbox.NewIttybitKey());

        Connection first = await client.Connections.CreateAsync(S3("Production S3"));
        Connection second = await client.Connections.CreateAsync(S3("Archive R2"));

        Assert.StartsWith("con_", first.Id);
        Assert.Equal(("storage_connection", "s3", "..."), (first.Object, first.Kind.Value, first.SecretAccessKey));
        Assert.True(first.IsDefault); // the first connection is the default
        Assert.False(second.IsDefault);
        Assert.Equal("Archive R2", (await client.Connections.GetAsync(second.Id)).Value.Name);

        var updated = await client.Connections.UpdateAsync(second.Id, new UpdateConnectionRequest { IsDefault = true, Name = "Archive" });
        Assert.Equal(("Archive", true), (updated.Value.Name, updated.Value.IsDefault));
        var listed = await client.Connections.ListAsync().ToListAsync();
        Assert.Equal(new[] { first.Id, second.Id }.Order(), listed.Select(c => c.Id).Order());
        Assert.Equal(second.Id, Assert.Single(listed, c => c.IsDefault).Id); // one default at a time

        Assert.Equal(204, (await client.Connections.DeleteAsync(first.Id)).StatusCode);
        var e = await Assert.ThrowsAsync<ConnectionNotFoundException>(() => client.Connections.GetAsync(first.Id));
        Assert.Equal("connection_not_found", e.ErrorCode);
    }

    [Fact]
    public async Task A_created_key_works_once_its_secret_is_used_and_a_deleted_key_is_refused()
    {
        using var admin = sandbox.Ittybit(sandbox.NewIttybitKey());

        CreatedKey created = await admin.Keys.CreateAsync(new CreateKeyRequest { Name = "CI" });
        using var ci = sandbox.Ittybit(created.Secret);

        Assert.StartsWith("key_", created.Id);
        Assert.Equal(KeyStatus.Active, created.Status);
        var keys = await ci.Keys.ListAsync().ToListAsync(); // the new key reaches the same project
        Assert.Equal(2, keys.Count);
        Assert.Contains(keys, k => k.Id == created.Id && k.Name == "CI");
        Assert.DoesNotContain(created.Secret, System.Text.Json.JsonSerializer.Serialize(keys, IttybitJsonContext.Default.IListKey)); // listed without secrets

        Assert.Equal(204, (await admin.Keys.DeleteAsync(created.Id)).StatusCode);
        await Assert.ThrowsAsync<TokenInvalidException>(() => ci.Keys.ListAsync().ToListAsync().AsTask());
        await Assert.ThrowsAsync<KeyNotFoundApiException>(() => admin.Keys.DeleteAsync(created.Id)); // not KeyNotFoundException, which System.Collections.Generic has
    }
}
