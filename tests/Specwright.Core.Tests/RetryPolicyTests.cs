using Specwright.Core.Http;
using Specwright.Core.Retry;

namespace Specwright.Core.Tests;

public sealed class RetryPolicyTests
{
    private static readonly RetryRules Rules = new() { RetryableStatuses = [429, 500, 503], BilledRequestsSafeToRetry = false };

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void An_operations_own_facts_decide_which_statuses_it_retries(int status, bool retried)
    {
        var create = new OperationInfo("createThing") { RetryableStatuses = [429] };

        Assert.Equal(retried, new RetryPolicy(Rules, 2).ShouldRetryStatus(status, HttpMethod.Post, 0, create));
    }

    [Fact]
    public void Without_facts_a_POST_is_not_retried_unless_billed_calls_are_safe_and_the_budget_is_kept()
    {
        var policy = new RetryPolicy(Rules, 2);

        Assert.False(policy.ShouldRetryStatus(429, HttpMethod.Post, 0));
        Assert.True(policy.ShouldRetryStatus(429, HttpMethod.Get, 0));
        Assert.True(new RetryPolicy(Rules with { BilledRequestsSafeToRetry = true }, 2).ShouldRetryStatus(500, HttpMethod.Post, 0));
        Assert.False(policy.ShouldRetryStatus(429, HttpMethod.Get, 2)); // the third attempt was the last
        Assert.False(policy.ShouldRetryStatus(429, HttpMethod.Get, 2, new OperationInfo("getThing") { RetryableStatuses = [429] }));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Backoff_is_full_jitter_within_base_times_two_to_the_attempt_capped(double random)
    {
        var policy = new RetryPolicy(Rules, 10, () => random);

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var ceiling = Math.Min(Math.Pow(2, attempt), 30); // base 1 s, cap 30 s (the rules' defaults)
            Assert.Equal(Math.Max(0.001, random * ceiling), policy.Backoff(attempt).TotalSeconds, 6); // never under 1 ms
        }
    }

    [Fact]
    public void Real_jitter_stays_within_bounds_and_varies()
    {
        var policy = new RetryPolicy(Rules, 2);
        var samples = Enumerable.Range(0, 200).Select(_ => policy.Backoff(3)).ToList();

        Assert.All(samples, d => Assert.InRange(d, TimeSpan.Zero, TimeSpan.FromSeconds(8)));
        Assert.True(samples.Distinct().Count() > 100);
    }
}
