using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.SegmentMembership.Tests.Support.Oracle;

/// <summary>
/// Decides segment membership in memory with the semantics of Flagsmith's engine (flag_engine/segments/evaluator.py):
/// context values pass through Flagsmith's mapping (an all-digit string becomes an int, a <c>d.d</c> string a float),
/// the condition value is coerced to the context value's type, and anything Python would raise on counts as no match.
/// The tests' oracle, deliberately independent of the SQL compiler and of the write-time preparation
/// (<c>PreparedValue</c>) so each is tested against it.
/// </summary>
internal static class SegmentEvaluator
{
    private static readonly ConcurrentDictionary<string, Regex?> RegexCache = new(StringComparer.Ordinal);

    public static bool Matches(string segmentKey, IReadOnlyList<SegmentRule> rules, IdentityContext? identity, EnvironmentContext environment)
    {
        var context = new Context(segmentKey, identity, environment);
        return rules.Count > 0 && rules.All(context.MatchesRule);
    }

    private enum Kind
    {
        None,
        Str,
        Int,
        Float,
        Bool,
    }

    private readonly record struct Value(Kind Kind, string? S = null, BigInteger I = default, double F = 0, bool B = false)
    {
        public static Value Of(TraitValue trait) => trait.Kind switch
        {
            TraitValueKind.String => Map(trait.Text!),
            TraitValueKind.Integer => new(Kind.Int, I: (BigInteger)trait.Integer),
            TraitValueKind.Float => new(Kind.Float, F: trait.Number),
            TraitValueKind.Boolean => new(Kind.Bool, B: trait.Boolean),
            _ => default,
        };

        // Flagsmith's _map_string_value_to_context_value: fullmatch -?[0-9]+ → int, -?[0-9]+\.[0-9]+ → float.
        public static Value Map(string s)
        {
            var body = s.StartsWith('-') ? s.AsSpan(1) : s.AsSpan();
            var dot = body.IndexOf('.');
            if (body.Length > 0 && dot < 0 && AllAsciiDigits(body))
            {
                return new(Kind.Int, I: BigInteger.Parse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }

            if (dot > 0 && dot < body.Length - 1 && AllAsciiDigits(body[..dot]) && AllAsciiDigits(body[(dot + 1)..]))
            {
                return new(Kind.Float, F: double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
            }

            return new(Kind.Str, S: s);
        }

        /// <summary>Python's <c>str()</c> of the value.</summary>
        public string Str() => Kind switch
        {
            Kind.Str => S!,
            Kind.Int => I.ToString(CultureInfo.InvariantCulture),
            Kind.Float => PythonLiteral.FloatRepr(F),
            Kind.Bool => B ? "True" : "False",
            _ => "None",
        };

        private static bool AllAsciiDigits(ReadOnlySpan<char> span)
        {
            foreach (var c in span)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private sealed class Context(string segmentKey, IdentityContext? identity, EnvironmentContext environment)
    {
        public bool MatchesRule(SegmentRule rule)
        {
            var conditions = rule.Conditions.Count == 0 || Combine(rule.Type, rule.Conditions.Select(MatchesCondition));
            var rules = rule.Rules.Count == 0 || Combine(rule.Type, rule.Rules.Select(MatchesRule));
            return conditions && rules;
        }

        private static bool Combine(SegmentRuleType type, IEnumerable<bool> results) => type switch
        {
            SegmentRuleType.All => results.All(r => r),
            SegmentRuleType.Any => results.Any(r => r),
            _ => !results.Any(r => r),
        };

        private bool MatchesCondition(SegmentCondition condition)
        {
            if (condition.ParsedOperator is not { } op)
            {
                return false;
            }

            var value = op == SegmentOperator.PercentageSplit && condition.Property.Length == 0
                ? (identity is null ? default : new Value(Kind.Str, S: identity.EffectiveKey(environment)))
                : Resolve(condition.Property);

            switch (op)
            {
                case SegmentOperator.In:
                {
                    var candidates = ConditionValues.InValues(condition);
                    return candidates is not null && value.Kind is Kind.Str or Kind.Int && candidates.Contains(value.Str());
                }

                case SegmentOperator.PercentageSplit:
                    return value.Kind != Kind.None
                        && PythonLiteral.TryParseFloat(condition.Value, out var threshold)
                        && HashedPercentage(segmentKey + "," + value.Str()) <= threshold;
                case SegmentOperator.IsSet:
                    return value.Kind != Kind.None;
                case SegmentOperator.IsNotSet:
                    return value.Kind == Kind.None;
            }

            if (value.Kind == Kind.None || condition.ValueItems is not null)
            {
                return false;
            }

            var literal = condition.Value ?? "None";
            return op switch
            {
                SegmentOperator.NotContains => value.Kind == Kind.Str && !value.S!.Contains(literal, StringComparison.Ordinal),
                SegmentOperator.Regex => Regex(literal) is { } regex && regex.IsMatch(value.Str()),
                SegmentOperator.Modulo => Modulo(value, condition.Value),
                _ => Typed(op, condition, literal, value),
            };
        }

        private Value Resolve(string property)
        {
            var reference = PropertyReference.Parse(property);
            var literal = Trait(reference.TraitKey);
            if (reference.Source == PropertySource.Trait || literal.Kind != Kind.None)
            {
                return literal;
            }

            return reference.Target switch
            {
                ContextTarget.IdentityIdentifier when identity is not null => Value.Map(identity.Identifier),
                ContextTarget.IdentityKey when identity is not null => Value.Map(identity.EffectiveKey(environment)),
                ContextTarget.EnvironmentKey => Value.Map(environment.Key),
                ContextTarget.EnvironmentName => Value.Map(environment.Name),
                ContextTarget.Trait => Trait(reference.ContextTraitKey!),
                _ => default,
            };
        }

        private Value Trait(string key) =>
            identity is not null && identity.Traits.TryGetValue(key, out var trait) ? Value.Of(trait) : default;
    }

    private static bool Typed(SegmentOperator op, SegmentCondition condition, string literal, Value value)
    {
        int order;
        if (value.Kind == Kind.Str && condition.IsSemver)
        {
            if (!SemanticVersion.TryParse(value.S!, out var version))
            {
                return false;
            }

            var text = ConditionValues.SemverText(condition);
            if (op == SegmentOperator.Contains)
            {
                // Python's `x in Version` iterates (major, minor, patch, prerelease, build); only the strings can equal x.
                return text == version.Prerelease || text == version.Build;
            }

            if (!SemanticVersion.TryParse(text, out var other))
            {
                return false;
            }

            return Compare(op, version.CompareTo(other));
        }

        switch (value.Kind)
        {
            case Kind.Str:
                if (op == SegmentOperator.Contains)
                {
                    return value.S!.Contains(literal, StringComparison.Ordinal);
                }

                order = CompareCodePoints(value.S!, literal);
                break;
            case Kind.Int:
                if (op == SegmentOperator.Contains || !PythonLiteral.TryParseInt(literal, out var i))
                {
                    return false;
                }

                order = value.I.CompareTo(i);
                break;
            case Kind.Float:
                if (op == SegmentOperator.Contains || !PythonLiteral.TryParseFloat(literal, out var f))
                {
                    return false;
                }

                if (double.IsNaN(f) || double.IsNaN(value.F))
                {
                    return op == SegmentOperator.NotEqual;
                }

                order = value.F.CompareTo(f);
                break;
            case Kind.Bool:
                if (op == SegmentOperator.Contains)
                {
                    return false;
                }

                var b = literal is not ("False" or "false");
                order = value.B.CompareTo(b);
                break;
            default:
                return false;
        }

        return Compare(op, order);
    }

    private static bool Compare(SegmentOperator op, int order) => op switch
    {
        SegmentOperator.Equal => order == 0,
        SegmentOperator.NotEqual => order != 0,
        SegmentOperator.GreaterThan => order > 0,
        SegmentOperator.GreaterThanInclusive => order >= 0,
        SegmentOperator.LessThan => order < 0,
        SegmentOperator.LessThanInclusive => order <= 0,
        _ => false,
    };

    // Why: Python orders strings by code point; UTF-16 ordinal order differs once surrogate pairs are involved.
    private static int CompareCodePoints(string a, string b)
    {
        var ra = a.EnumerateRunes().GetEnumerator();
        var rb = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var hasA = ra.MoveNext();
            var hasB = rb.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA == hasB ? 0 : hasA ? 1 : -1;
            }

            var c = ra.Current.Value.CompareTo(rb.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    private static bool Modulo(Value value, string? text)
    {
        if (!ConditionValues.TryParseModulo(text, out var divisor, out var remainder) || divisor == 0)
        {
            return false;
        }

        double x;
        switch (value.Kind)
        {
            case Kind.Int: x = double.Parse(value.I.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture); break;
            case Kind.Float: x = value.F; break;
            case Kind.Bool: x = value.B ? 1 : 0; break;
            default: return false;
        }

        // Python's float %: C fmod, then moved into the divisor's sign.
        var r = x % divisor;
        if (r != 0)
        {
            if (divisor < 0 != r < 0)
            {
                r += divisor;
            }
        }
        else
        {
            r = divisor < 0 ? -0.0 : 0.0;
        }

        return r == remainder;
    }

    /// <summary>Flagsmith's get_hashed_percentage_for_object_ids: md5 as an integer, mod 9999, scaled to [0, 100).</summary>
    internal static double HashedPercentage(string joined)
    {
        for (var iterations = 1; ; iterations++)
        {
            var text = string.Join(",", Enumerable.Repeat(joined, iterations));
            var hash = MD5.HashData(Encoding.UTF8.GetBytes(text));
            var number = new BigInteger(hash, isUnsigned: true, isBigEndian: true);
            var value = (double)(int)(number % 9999) / 9998 * 100;
            if (value != 100)
            {
                return value;
            }
        }
    }

    private static Regex? Regex(string pattern) => RegexCache.GetOrAdd(pattern, static p =>
        RegexSubset.TryParse(p, out var pieces, out _) ? Compile(DotNetRegex.Render(pieces)) : null);

    /// <summary>
    /// The backtracking engine, bounded in time: .NET's NonBacktracking engine refuses the larger spelled-out sets
    /// (Python's <c>\w</c> beyond the BMP) and, measured on .NET 10, answers some of them wrongly (<c>\W</c> against "\n").
    /// </summary>
    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
}
