namespace Specwright.Sandbox.Accounts;

/// <summary>One API key's account: its wallet and the flags that make the API refuse to spend.</summary>
public sealed class Account
{
    private readonly Lock _gate = new();
    private int _balance;

    internal Account(string key, int credits)
    {
        Key = key;
        _balance = credits;
    }

    public string Key { get; }

    public int Balance { get { lock (_gate) return _balance; } }

    /// <summary>When false, spending calls get <c>email_verification_required</c>.</summary>
    public bool EmailVerified { get; set; } = true;

    /// <summary>When set, spending calls get <c>account_deletion_pending</c>.</summary>
    public DateTimeOffset? DeletionScheduledFor { get; set; }

    /// <summary>A read-only key may poll and read usage but gets <c>forbidden</c> on spending calls.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Overrides the sandbox-wide per-minute limit for this key.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Overrides the sandbox-wide concurrency limit for this key.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Takes <paramref name="cost"/> if the balance covers <paramref name="required"/>; atomic.</summary>
    public bool TryCharge(int cost, int required, out int balance)
    {
        lock (_gate)
        {
            if (_balance < required)
            {
                balance = _balance;
                return false;
            }
            _balance -= cost;
            balance = _balance;
            return true;
        }
    }

    /// <summary>Takes up to <paramref name="cost"/>, never below zero; returns what was taken.</summary>
    public int ChargeUpTo(int cost)
    {
        lock (_gate)
        {
            var taken = Math.Min(cost, Math.Max(_balance, 0));
            _balance -= taken;
            return taken;
        }
    }

    /// <summary>Gives back credits taken for work that then failed.</summary>
    public void Refund(int credits)
    {
        lock (_gate) _balance += credits;
    }

    public void SetBalance(int credits)
    {
        lock (_gate) _balance = credits;
    }

    public override string ToString() => $"Account({KeyFormat.Redact(Key)}, {Balance} credits)";
}
