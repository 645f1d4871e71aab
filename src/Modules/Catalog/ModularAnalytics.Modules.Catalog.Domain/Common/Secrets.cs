using System.Security.Cryptography;
using System.Text;

namespace ModularAnalytics.Modules.Catalog.Domain.Common;

/// <summary>Random credentials and the one-way hash under which organisation tokens are stored.</summary>
public static class Secrets
{
    /// <summary>32 random bytes as lowercase hex: 256 bits, and safe in headers without escaping.</summary>
    public static string NewCredential() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// SHA-256 is enough here (no salt, no stretching): the tokens are 256-bit random values, not passwords,
    /// and a deterministic hash is what lets the resolver look a token up by an index.
    /// </summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
