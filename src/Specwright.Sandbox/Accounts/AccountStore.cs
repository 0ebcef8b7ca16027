using System.Collections.Concurrent;

namespace Specwright.Sandbox.Accounts;

/// <summary>One service's accounts, by key. Each service has its own store and key format.</summary>
public sealed class AccountStore
{
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _rejectKey;

    /// <summary>A store for webscrape.ai keys (<see cref="KeyFormat"/>).</summary>
    public AccountStore() : this(key => KeyFormat.IsWellFormed(key) ? null
        : $"'{KeyFormat.Redact(key)}' is not a webscrape.ai key: expected {KeyFormat.Prefix} followed by {KeyFormat.SecretLength} base62 characters.") { }

    /// <summary>A store whose keys pass <paramref name="rejectKey"/> (null means fine, else why not).</summary>
    public AccountStore(Func<string, string?> rejectKey) => _rejectKey = rejectKey;

    public Account Add(string key, int credits)
    {
        if (_rejectKey(key) is { } reason) throw new ArgumentException(reason, nameof(key));
        var account = new Account(key, credits);
        _accounts[key] = account;
        return account;
    }

    public Account? Find(string key) => _accounts.TryGetValue(key, out var a) ? a : null;
}
