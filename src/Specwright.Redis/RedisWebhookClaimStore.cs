using Specwright.Core.Webhooks;
using StackExchange.Redis;

namespace Specwright.Redis;

/// <summary>
/// Webhook claims shared by a fleet of receivers: a claim is <c>SET key token NX PX lease</c> (atomic: one receiver wins), a
/// handled event becomes <c>done</c> for the retention, and a release deletes the key only while it still holds this claim's
/// token (a Lua script), so a late release never frees another receiver's claim. A receiver that dies leaves its claim to
/// expire with the lease, and the sender's redelivery is handled then.
/// </summary>
/// <remarks>
/// <c>IDistributedCache</c> has no atomic "add if absent", so two receivers could both believe they claimed an event; this
/// store talks to Redis itself (use the same Redis as your cache).
/// </remarks>
public sealed class RedisWebhookClaimStore(IConnectionMultiplexer redis, string prefix = "specwright:webhooks:") : IWebhookClaimStore
{
    private const string Done = "done";

    private static readonly LuaScript ReleaseIfOwned = LuaScript.Prepare(
        "if redis.call('GET', @key) == @token then return redis.call('DEL', @key) else return 0 end");

    private static readonly LuaScript CompleteIfOwned = LuaScript.Prepare(
        "if redis.call('GET', @key) == @token then return redis.call('SET', @key, 'done', 'PX', @retention) else return nil end");

    private IDatabase Db => redis.GetDatabase();

    private RedisKey Key(string deliveryId) => prefix + deliveryId;

    public async ValueTask<WebhookClaimResult> TryClaimAsync(string deliveryId, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var token = Guid.NewGuid().ToString("N");
        if (await Db.StringSetAsync(Key(deliveryId), token, lease, When.NotExists).ConfigureAwait(false))
            return WebhookClaimResult.Taken(new WebhookClaim(deliveryId, token));
        // Taken by someone: handled, or still being handled (the key holds that claim's token until it is done or expires).
        var value = await Db.StringGetAsync(Key(deliveryId)).ConfigureAwait(false);
        return value == Done ? WebhookClaimResult.Handled : value.IsNull ? await TryClaimAsync(deliveryId, lease, cancellationToken).ConfigureAwait(false) : WebhookClaimResult.InProgress;
    }

    public async ValueTask CompleteAsync(WebhookClaim claim, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await Db.ScriptEvaluateAsync(CompleteIfOwned, new { key = Key(claim.DeliveryId), token = claim.Token, retention = (long)retention.TotalMilliseconds })
            .ConfigureAwait(false);
    }

    public async ValueTask ReleaseAsync(WebhookClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await Db.ScriptEvaluateAsync(ReleaseIfOwned, new { key = Key(claim.DeliveryId), token = claim.Token }).ConfigureAwait(false);
    }

    /// <summary>Whether the event was handled (for tests and tools).</summary>
    public async Task<bool> IsHandledAsync(string deliveryId) => await Db.StringGetAsync(Key(deliveryId)).ConfigureAwait(false) == Done;
}
