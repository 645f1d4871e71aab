using System.Globalization;
using System.Text.RegularExpressions;

namespace ModularAnalytics.BuildingBlocks.ClickHouse;

/// <summary>An error reported by ClickHouse, on either transport.</summary>
public sealed partial class ClickHouseException : Exception
{
    public ClickHouseException()
    {
    }

    public ClickHouseException(string message)
        : base(message)
    {
    }

    public ClickHouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClickHouseException(int code, string message, string? errorName = null, string? queryId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        ErrorName = errorName;
        QueryId = queryId;
    }

    /// <summary>ClickHouse error code (e.g. 60 = UNKNOWN_TABLE, 62 = SYNTAX_ERROR); 0 when unknown.</summary>
    public int Code { get; }

    /// <summary>Symbolic name such as <c>UNKNOWN_TABLE</c>, when the server included it.</summary>
    public string? ErrorName { get; }

    public string? QueryId { get; }

    /// <summary>
    /// Parses ClickHouse's error text (<c>Code: 60. DB::Exception: ... (UNKNOWN_TABLE) (version ...)</c>).
    /// A code from the HTTP header wins over one found in the text.
    /// </summary>
    public static ClickHouseException Parse(string errorText, int? headerCode = null, string? queryId = null)
    {
        ArgumentNullException.ThrowIfNull(errorText);
        var text = errorText.Trim();
        var code = headerCode ?? 0;
        var message = text;
        var match = CodePattern().Match(text);
        if (match.Success)
        {
            if (headerCode is null)
            {
                code = int.Parse(match.Groups["code"].Value, CultureInfo.InvariantCulture);
            }

            message = match.Groups["message"].Value.Trim();
        }

        message = VersionSuffix().Replace(message, string.Empty).TrimEnd();
        var nameMatch = NameSuffix().Match(message);
        var name = nameMatch.Success ? nameMatch.Groups["name"].Value : null;
        return new ClickHouseException(code, message, name, queryId);
    }

    /// <summary>True when the text contains a ClickHouse exception marker, e.g. an error written mid-stream.</summary>
    internal static bool LooksLikeError(string text) => CodePattern().IsMatch(text);

    [GeneratedRegex(@"Code:\s*(?<code>\d+)\.\s*(?:DB::Exception:\s*)?(?<message>.*)", RegexOptions.Singleline)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\s*\(version [^)]*\)\s*$")]
    private static partial Regex VersionSuffix();

    [GeneratedRegex(@"\((?<name>[A-Z][A-Z0-9_]+)\)\s*$")]
    private static partial Regex NameSuffix();
}
