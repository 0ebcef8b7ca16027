using System.Collections.Concurrent;

namespace Specwright.Sandbox.Accounts;

/// <summary>The sandbox's accounts, by key.</summary>
public sealed class AccountStore
{
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    public Account Add(string key, int credits)
    {
        if (!KeyFormat.IsWellFormed(key))
            throw new ArgumentException($"'{KeyFormat.Redact(key)}' is not a webscrape.ai key: expected {KeyFormat.Prefix} followed by {KeyFormat.SecretLength} base62 characters.", nameof(key));
        var account = new Account(key, credits);
        _accounts[key] = account;
        return account;
    }

    public Account? Find(string key) => _accounts.TryGetValue(key, out var a) ? a : null;
}
