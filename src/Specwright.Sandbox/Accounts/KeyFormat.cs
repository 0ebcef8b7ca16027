using Specwright.Sandbox.Hosting;

namespace Specwright.Sandbox.Accounts;

/// <summary>The webscrape.ai key format: <c>wsg_live_</c> followed by 32 base62 characters.</summary>
public static class KeyFormat
{
    public const string Prefix = "wsg_live_";
    public const int SecretLength = 32;

    public static bool IsWellFormed(string key) =>
        key.Length == Prefix.Length + SecretLength
        && key.StartsWith(Prefix, StringComparison.Ordinal)
        && Ids.IsBase62(key.AsSpan(Prefix.Length));

    /// <summary>A new random key of the real format.</summary>
    public static string NewKey() => Prefix + Ids.Base62String(SecretLength);

    /// <summary>Enough of a key to tell keys apart in logs, never the secret.</summary>
    public static string Redact(string key) =>
        key.StartsWith(Prefix, StringComparison.Ordinal) && key.Length > Prefix.Length + 4
            ? $"{Prefix}…{key[^4..]}"
            : "***";
}
