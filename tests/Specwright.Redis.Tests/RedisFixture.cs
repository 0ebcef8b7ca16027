using Specwright.TestSupport;
using StackExchange.Redis;

namespace Specwright.Redis.Tests;

/// <summary>One real redis-server for the test class, and a connection to it (each "process" of a test opens its own).</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectionMultiplexer.ConnectAsync(Server.Configuration);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
