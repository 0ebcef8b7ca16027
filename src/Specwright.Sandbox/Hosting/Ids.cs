using System.Security.Cryptography;

namespace Specwright.Sandbox.Hosting;

/// <summary>Opaque ids in the shapes the real API uses (base62).</summary>
internal static class Ids
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Base62String(int length) => RandomNumberGenerator.GetString(Base62, length);

    public static bool IsBase62(ReadOnlySpan<char> text)
    {
        foreach (var c in text) if (!char.IsAsciiLetterOrDigit(c)) return false;
        return true;
    }

    /// <summary>An envelope request id, e.g. <c>req_aB3xY9Kp</c>.</summary>
    public static string RequestId() => "req_" + Base62String(8);

    /// <summary>A run id, e.g. <c>k7Xb9dRmQ2p</c>.</summary>
    public static string RunId() => Base62String(11);

    /// <summary>An extraction id (<c>data.request_id</c>).</summary>
    public static string ExtractionId(string kind) => $"eng_{kind}_{Base62String(12)}";
}
