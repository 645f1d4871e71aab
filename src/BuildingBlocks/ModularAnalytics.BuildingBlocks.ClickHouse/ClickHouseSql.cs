using System.Text;
using System.Text.RegularExpressions;

namespace ModularAnalytics.BuildingBlocks.ClickHouse;

/// <summary>Quoting helpers for building SQL text safely. Values belong in parameters, not here.</summary>
public static partial class ClickHouseSql
{
    /// <summary>Quotes one identifier with backticks: <c>a`b</c> becomes <c>`a\`b`</c>.</summary>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Quote(name, '`');
    }

    /// <summary>
    /// A JSON-column subcolumn path: <c>JsonPath("traits", "a", "b")</c> is <c>`traits`.`a`.`b`</c>.
    /// ClickHouse's JSON type stores a key containing a dot ("a.b") at the same path as the nested keys
    /// a → b, so <c>JsonPath("traits", "a.b")</c> reads that same path; keys may contain any character.
    /// </summary>
    public static string JsonPath(string column, params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            throw new ArgumentException("A JSON path needs at least one key.", nameof(keys));
        }

        var sb = new StringBuilder(Identifier(column));
        foreach (var key in keys)
        {
            ArgumentException.ThrowIfNullOrEmpty(key, nameof(keys));
            sb.Append('.').Append(Quote(key, '`'));
        }

        return sb.ToString();
    }

    /// <summary>
    /// A JSON sub-object (<c>`traits`.^`a`</c>): every path under the prefix, as a JSON value, rather than
    /// the single leaf value at that path.
    /// </summary>
    public static string JsonSubObject(string column, params string[] keys)
    {
        var path = JsonPath(column, keys);
        var lastDot = path.LastIndexOf(".`", StringComparison.Ordinal);
        return string.Concat(path.AsSpan(0, lastDot + 1), "^", path.AsSpan(lastDot + 1));
    }

    /// <summary>A single-quoted string literal with ClickHouse backslash escaping.</summary>
    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Quote(value, '\'');
    }

    internal static string Quote(string value, char quote) =>
        AppendEscaped(new StringBuilder(value.Length + 2).Append(quote), value, quote).Append(quote).ToString();

    /// <summary>
    /// ClickHouse's backslash escapes, shared by quoted literals/identifiers (<paramref name="quote"/> escaped too)
    /// and the escaped-text form of top-level parameter values (no quote character).
    /// </summary>
    internal static StringBuilder AppendEscaped(StringBuilder sb, string value, char? quote)
    {
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\0': sb.Append(@"\0"); break;
                case '\b': sb.Append(@"\b"); break;
                case '\f': sb.Append(@"\f"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (ch == quote)
                    {
                        sb.Append('\\');
                    }

                    sb.Append(ch);
                    break;
            }
        }

        return sb;
    }

    internal static void ValidateName(string name, string what)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid ClickHouse {what} name (letters, digits, underscore).", nameof(name));
        }
    }

    internal static IEnumerable<KeyValuePair<string, string>> MergeSettings(IReadOnlyDictionary<string, string> settings, string? logComment)
    {
        foreach (var setting in settings)
        {
            ValidateName(setting.Key, "setting");
            if (logComment is not null && setting.Key == "log_comment")
            {
                continue;
            }

            yield return setting;
        }

        if (logComment is not null)
        {
            yield return new("log_comment", logComment);
        }
    }

    /// <summary><c>SETTINGS a = '1', b = 'x'</c>; ClickHouse converts quoted values to each setting's type.</summary>
    internal static string SettingsClause(IEnumerable<KeyValuePair<string, string>> settings)
    {
        var parts = settings.Select(s => $"{s.Key} = {StringLiteral(s.Value)}").ToList();
        return parts.Count == 0 ? string.Empty : "SETTINGS " + string.Join(", ", parts);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();
}
