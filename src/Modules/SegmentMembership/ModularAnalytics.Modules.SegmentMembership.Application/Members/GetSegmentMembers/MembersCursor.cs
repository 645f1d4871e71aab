using System.Buffers.Text;
using System.Text;

namespace ModularAnalytics.Modules.SegmentMembership.Application.Members.GetSegmentMembers;

/// <summary>The opaque cursor: base64url of the last identifier of the previous page.</summary>
internal static class MembersCursor
{
    public static string Encode(string identifier) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(identifier));

    public static bool TryDecode(string cursor, out string identifier)
    {
        identifier = string.Empty;
        try
        {
            identifier = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
            return identifier.Length > 0;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
