namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>
/// Checks a rule tree before it is stored; errors are keyed by path (<c>rules[0].conditions[2].value</c>). An error
/// marked <see cref="SegmentRuleError.NeverMatching"/> is a value Flagsmith stores and never matches.
/// </summary>
public static class SegmentRuleValidator
{
    public const int MaxDepth = 10;
    public const int MaxConditions = 200;
    public const int MaxRules = 100;
    public const int MaxPropertyLength = 1000;
    public const int MaxValueLength = 10_000;

    public static IReadOnlyList<SegmentRuleError> Validate(IReadOnlyList<SegmentRule> rules)
    {
        var errors = new List<SegmentRuleError>();
        var counts = new Counts();
        for (var i = 0; i < rules.Count; i++)
        {
            ValidateRule(rules[i], $"rules[{i}]", 1, errors, counts);
        }

        if (counts.Conditions > MaxConditions)
        {
            errors.Add(new("rules", $"A segment may hold at most {MaxConditions} conditions; it has {counts.Conditions}."));
        }

        if (counts.Rules > MaxRules)
        {
            errors.Add(new("rules", $"A segment may hold at most {MaxRules} rules; it has {counts.Rules}."));
        }

        return errors;
    }

    private static void ValidateRule(SegmentRule rule, string path, int depth, List<SegmentRuleError> errors, Counts counts)
    {
        counts.Rules++;
        if (depth > MaxDepth)
        {
            errors.Add(new(path, $"Rules may nest at most {MaxDepth} deep."));
            return;
        }

        if (!Enum.IsDefined(rule.Type))
        {
            errors.Add(new(path + ".type", "Expected ALL, ANY or NONE."));
        }

        for (var i = 0; i < rule.Conditions.Count; i++)
        {
            counts.Conditions++;
            ValidateCondition(rule.Conditions[i], $"{path}.conditions[{i}]", errors);
        }

        for (var i = 0; i < rule.Rules.Count; i++)
        {
            ValidateRule(rule.Rules[i], $"{path}.rules[{i}]", depth + 1, errors, counts);
        }
    }

    private static void ValidateCondition(SegmentCondition condition, string path, List<SegmentRuleError> errors)
    {
        if (condition.ParsedOperator is not { } op)
        {
            errors.Add(new(path + ".operator", $"Unknown operator '{condition.Operator}'; expected one of {string.Join(", ", SegmentOperators.Names)}."));
            return;
        }

        ValidateProperty(condition, op, path + ".property", errors);
        var valuePath = path + ".value";
        if (condition.ValueItems is not null && op != SegmentOperator.In)
        {
            errors.Add(new(valuePath, "Only IN takes an array value."));
            return;
        }

        if (op is SegmentOperator.IsSet or SegmentOperator.IsNotSet)
        {
            return;
        }

        if (condition.Value is null && condition.ValueItems is null)
        {
            errors.Add(new(valuePath, $"{condition.Operator} needs a value."));
            return;
        }

        if (condition.Value is { Length: > MaxValueLength })
        {
            errors.Add(new(valuePath, $"The value is longer than {MaxValueLength} characters."));
            return;
        }

        var value = condition.Value;
        switch (op)
        {
            case SegmentOperator.Modulo:
                if (!ConditionValues.TryParseModulo(value, out var divisor, out _))
                {
                    errors.Add(new(valuePath, "MODULO takes \"divisor|remainder\", both numbers.") { NeverMatching = true });
                }
                else if (divisor == 0)
                {
                    errors.Add(new(valuePath, "The MODULO divisor must not be zero.") { NeverMatching = true });
                }

                break;
            case SegmentOperator.Regex:
                if (!RegexSubset.TryParse(value!, out _, out var regexError))
                {
                    errors.Add(new(valuePath, "Unsupported or invalid pattern: " + regexError));
                }

                break;
            case SegmentOperator.PercentageSplit:
                if (!PythonLiteral.TryParseFloat(value, out var percentage) || !(percentage >= 0 && percentage <= 100))
                {
                    errors.Add(new(valuePath, "PERCENTAGE_SPLIT takes a number from 0 to 100.") { NeverMatching = true });
                }

                break;
            case SegmentOperator.Equal or SegmentOperator.NotEqual or SegmentOperator.GreaterThan or SegmentOperator.GreaterThanInclusive
                or SegmentOperator.LessThan or SegmentOperator.LessThanInclusive or SegmentOperator.Contains:
                if (condition.IsSemver && op != SegmentOperator.Contains && !SemanticVersion.TryParse(ConditionValues.SemverText(condition), out _))
                {
                    errors.Add(new(valuePath, "A value ending in ':semver' must be a semantic version such as 1.2.3 or 1.2.3-beta.1.") { NeverMatching = true });
                }

                break;
        }
    }

    private static void ValidateProperty(SegmentCondition condition, SegmentOperator op, string path, List<SegmentRuleError> errors)
    {
        if (condition.Property.Length > MaxPropertyLength)
        {
            errors.Add(new(path, $"The property is longer than {MaxPropertyLength} characters."));
            return;
        }

        if (condition.Property.Length == 0 && op != SegmentOperator.PercentageSplit)
        {
            errors.Add(new(path, "A property is required (only PERCENTAGE_SPLIT may leave it empty, meaning the identity key)."));
            return;
        }

        if (PropertyReference.Parse(condition.Property).IsUnsupportedPath)
        {
            errors.Add(new(path, "Only JSONPath name selectors are supported, e.g. $.identity.traits.plan or $.identity.traits['a.b']."));
        }
    }

    private sealed class Counts
    {
        public int Conditions { get; set; }

        public int Rules { get; set; }
    }
}
