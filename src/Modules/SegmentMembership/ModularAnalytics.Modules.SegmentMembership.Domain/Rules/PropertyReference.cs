using System.Globalization;
using System.Text;

namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

public enum PropertySource
{
    /// <summary>A trait, looked up by <see cref="PropertyReference.TraitKey"/>.</summary>
    Trait,

    /// <summary>A JSONPath into the evaluation context; a trait literally named as the property wins over it.</summary>
    ContextPath,
}

public enum ContextTarget
{
    /// <summary>Nothing primitive lives there (an object, or a path the context does not have): not set.</summary>
    Nothing,
    IdentityIdentifier,
    IdentityKey,
    EnvironmentKey,
    EnvironmentName,
    Trait,
}

/// <summary>
/// What a condition's <c>property</c> designates. A property starting with <c>$.</c> that is a valid JSONPath reads the
/// evaluation context <c>{environment: {key, name}, identity: {identifier, key, traits}}</c>, after a trait of exactly
/// that name; anything else names a trait. Only name selectors (<c>.name</c>, <c>['name']</c>) are supported; paths with
/// wildcards, indexes, slices, filters or descendants are reported by <see cref="IsUnsupportedPath"/> (the validator
/// rejects them, the engines treat them as not set).
/// </summary>
public sealed record PropertyReference(PropertySource Source, string TraitKey, ContextTarget Target, string? ContextTraitKey, bool IsUnsupportedPath)
{
    public static PropertyReference Parse(string property)
    {
        if (!property.StartsWith("$.", StringComparison.Ordinal))
        {
            return new(PropertySource.Trait, property, ContextTarget.Trait, property, false);
        }

        var names = new List<string>();
        switch (TryParseNames(property, names))
        {
            case PathParse.Invalid:
                // Why: Flagsmith falls back to a trait lookup when the property is not valid JSONPath.
                return new(PropertySource.Trait, property, ContextTarget.Trait, property, false);
            case PathParse.Unsupported:
                return new(PropertySource.ContextPath, property, ContextTarget.Nothing, null, true);
        }

        var (target, traitKey) = names switch
        {
            ["identity", "identifier"] => (ContextTarget.IdentityIdentifier, (string?)null),
            ["identity", "key"] => (ContextTarget.IdentityKey, null),
            ["environment", "key"] => (ContextTarget.EnvironmentKey, null),
            ["environment", "name"] => (ContextTarget.EnvironmentName, null),
            ["identity", "traits", var key] => (ContextTarget.Trait, key),
            _ => (ContextTarget.Nothing, null),
        };
        return new(PropertySource.ContextPath, property, target, traitKey, false);
    }

    private enum PathParse
    {
        Ok,
        Invalid,
        Unsupported,
    }

    // RFC 9535 subset: "$" then segments of ".name" or "['name']" / ["name"], blank space allowed between segments.
    private static PathParse TryParseNames(string path, List<string> names)
    {
        var i = 1;
        var unsupported = false;
        while (true)
        {
            SkipBlank(path, ref i);
            if (i >= path.Length)
            {
                return unsupported ? PathParse.Unsupported : PathParse.Ok;
            }

            if (path[i] == '.')
            {
                i++;
                if (i < path.Length && path[i] == '.')
                {
                    // Descendant segment: valid JSONPath, not supported here; keep scanning loosely.
                    unsupported = true;
                    i++;
                    if (i < path.Length && path[i] == '[')
                    {
                        if (!SkipBracket(path, ref i, out _))
                        {
                            return PathParse.Invalid;
                        }

                        continue;
                    }
                }

                if (i < path.Length && path[i] == '*')
                {
                    unsupported = true;
                    i++;
                    continue;
                }

                var start = i;
                if (i >= path.Length || !IsNameFirst(path, i))
                {
                    return PathParse.Invalid;
                }

                while (i < path.Length && (IsNameFirst(path, i) || char.IsAsciiDigit(path[i])))
                {
                    i += char.IsHighSurrogate(path[i]) ? 2 : 1;
                }

                names.Add(path[start..i]);
            }
            else if (path[i] == '[')
            {
                if (!SkipBracket(path, ref i, out var name))
                {
                    return PathParse.Invalid;
                }

                if (name is null)
                {
                    unsupported = true;
                }
                else
                {
                    names.Add(name);
                }
            }
            else
            {
                return PathParse.Invalid;
            }
        }
    }

    private static void SkipBlank(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r')
        {
            i++;
        }
    }

    private static bool IsNameFirst(string s, int i)
    {
        var c = s[i];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
        }

        return c >= 0x80 && !char.IsSurrogate(c);
    }

    /// <summary>Reads a bracketed selection; <paramref name="name"/> is the name for a single quoted name, else null.</summary>
    private static bool SkipBracket(string s, ref int i, out string? name)
    {
        name = null;
        i++;
        SkipBlank(s, ref i);
        if (i < s.Length && (s[i] == '\'' || s[i] == '"'))
        {
            if (!ReadQuoted(s, ref i, out var quoted))
            {
                return false;
            }

            SkipBlank(s, ref i);
            if (i < s.Length && s[i] == ']')
            {
                i++;
                name = quoted;
                return true;
            }
        }

        // Indexes, wildcards, slices, filters or several selectors: skip to the matching bracket.
        var depth = 1;
        while (i < s.Length && depth > 0)
        {
            if (s[i] == '\'' || s[i] == '"')
            {
                if (!ReadQuoted(s, ref i, out _))
                {
                    return false;
                }

                continue;
            }

            depth += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
            i++;
        }

        return depth == 0;
    }

    private static bool ReadQuoted(string s, ref int i, out string value)
    {
        var quote = s[i++];
        var sb = new StringBuilder();
        value = string.Empty;
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == quote)
            {
                value = sb.ToString();
                return true;
            }

            if (c < 0x20)
            {
                return false;
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i >= s.Length)
            {
                return false;
            }

            var e = s[i++];
            switch (e)
            {
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case '/': sb.Append('/'); break;
                case '\\': sb.Append('\\'); break;
                case 'u':
                    if (i + 4 > s.Length || !int.TryParse(s.AsSpan(i, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return false;
                    }

                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    if (e != quote)
                    {
                        return false;
                    }

                    sb.Append(e);
                    break;
            }
        }

        return false;
    }
}
