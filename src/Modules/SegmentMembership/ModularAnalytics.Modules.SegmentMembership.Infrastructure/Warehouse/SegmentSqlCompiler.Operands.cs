using System.Globalization;
using ModularAnalytics.BuildingBlocks.ClickHouse;
using ModularAnalytics.Modules.SegmentMembership.Domain.Prepared;
using ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

namespace ModularAnalytics.Modules.SegmentMembership.Infrastructure.Warehouse;

/// <summary>Operands: a property's prepared values (its kind, text, float, integer and semver keys) as SQL.</summary>
internal sealed partial class SegmentSqlCompiler
{

    /// <summary>
    /// A context value. <c>Set</c> is a UInt8 expression; the others are Nullable expressions, NULL when the value is
    /// not set or has no such form, and null here when no row can have them. <see cref="Kinds"/> are the kinds it can have.
    /// </summary>
    /// <param name="JsonIntegers">Every number is a JSON integer or bool (|x| &lt; 2^64, integral): exact in Int128.</param>
    private sealed record Operand(string Set, string? Kind, IReadOnlySet<PreparedKind> Kinds, string? Text, string? Number, string? Integer, string? Semver, bool JsonIntegers = false);

    private static readonly Operand Unset = new("0", null, NoKinds, null, null, null, null);

    private Operand Property(string property)
    {
        if (_operands.TryGetValue(property, out var cached))
        {
            return cached;
        }

        var reference = PropertyReference.Parse(property);
        var literal = TraitOperand(reference.TraitKey);
        Operand result;
        if (reference.Source == PropertySource.Trait)
        {
            result = literal;
        }
        else
        {
            var target = reference.Target switch
            {
                ContextTarget.IdentityIdentifier => ContextColumns("identifier", "1"),
                ContextTarget.IdentityKey => IdentityKey(),
                ContextTarget.EnvironmentKey => Constant(_environment.Key),
                ContextTarget.EnvironmentName => Constant(_environment.Name),
                ContextTarget.Trait => TraitOperand(reference.ContextTraitKey!),
                _ => Unset,
            };
            result = Fallback(literal, target);
        }

        _operands[property] = result;
        return result;
    }

    /// <summary>A trait literally named like a context path wins over the path's value.</summary>
    private static Operand Fallback(Operand literal, Operand target)
    {
        if (literal.Set == "0")
        {
            return target;
        }

        if (target.Set == "0")
        {
            return literal;
        }

        string? Pick(string? l, string? t) => (l, t) switch
        {
            (null, null) => null,
            (_, null) => $"if({literal.Set}, {l}, NULL)",
            (null, _) => $"if({literal.Set}, NULL, {t})",
            _ => $"if({literal.Set}, {l}, {t})",
        };

        var kinds = new HashSet<PreparedKind>(literal.Kinds);
        kinds.UnionWith(target.Kinds);
        var set = target.Set == "1" ? "1" : $"({literal.Set} OR {target.Set})";
        return new Operand(set, Pick(KindExpression(literal), KindExpression(target)), kinds, Pick(literal.Text, target.Text),
            Pick(literal.Number, target.Number), Pick(literal.Integer, target.Integer), Pick(literal.Semver, target.Semver));
    }

    private static string? KindExpression(Operand o) =>
        o.Kind ?? (o.Kinds.Count == 1 ? $"if({o.Set}, {((int)o.Kinds.Single()).ToString(CultureInfo.InvariantCulture)}, NULL)" : null);

    private Operand TraitOperand(string key)
    {
        var kinds = AllKinds;
        var jsonIntegers = false;
        if (_traitTypes is not null && key.Length > 0)
        {
            if (!_traitTypes.TryGetValue(key, out var types))
            {
                return Unset;
            }

            kinds = KindsOf(types);
            jsonIntegers = types.All(t => t is "Int64" or "UInt64" or "Bool");
        }

        // Why direct subcolumns: getSubcolumn() reads the whole JSON column, a path reads only that path's data.
        string Column(string column, string type) => Scan(key.Length == 0
            ? $"getSubcolumn({_row}.{column}, {Param("String", key)}).:{type}"
            : $"{_row}.{ClickHouseSql.JsonPath(column, key)}.:{type}");

        var integer = kinds.Contains(PreparedKind.Integer) ? Column("trait_integer", "String") : null;
        var number = kinds.Overlaps([PreparedKind.Integer, PreparedKind.Float, PreparedKind.Boolean]) ? Column("trait_number", "Float64") : null;
        var kind = kinds.Count > 1 ? Column("trait_kind", "Int64") : null;
        var set = kinds.Count switch
        {
            0 => "0",
            1 when kinds.Contains(PreparedKind.Integer) => $"isNotNull({integer})",
            1 when !kinds.Contains(PreparedKind.String) => $"isNotNull({number})",
            _ => $"isNotNull({kind ?? Column("trait_kind", "Int64")})",
        };
        return new Operand(set, kind, kinds, Column("trait_text", "String"), number, integer,
            kinds.Contains(PreparedKind.String) ? Column("trait_semver", "String") : null, jsonIntegers);
    }

    /// <summary>Which prepared kinds a trait path can hold, from the JSON types of its raw values.</summary>
    private static HashSet<PreparedKind> KindsOf(IReadOnlySet<string> types)
    {
        var kinds = new HashSet<PreparedKind>();
        foreach (var type in types)
        {
            kinds.UnionWith(type switch
            {
                "String" => [PreparedKind.String, PreparedKind.Integer, PreparedKind.Float],
                "Int64" or "UInt64" => [PreparedKind.Integer],
                "Float64" => [PreparedKind.Float],
                "Bool" => [PreparedKind.Boolean],
                _ => AllKinds,
            });
        }

        return kinds;
    }

    /// <summary>A prepared context string of the row (identifier, explicit identity key): kind 0 when absent.</summary>
    private Operand ContextColumns(string prefix, string set) =>
        new(set, Scan($"{_row}.{prefix}_kind"), new HashSet<PreparedKind> { PreparedKind.String, PreparedKind.Integer, PreparedKind.Float },
            Scan($"{_row}.{prefix}_text"), Scan($"{_row}.{prefix}_number"), Scan($"{_row}.{prefix}_integer"), Scan($"{_row}.{prefix}_semver"));

    /// <summary>
    /// The identity key: the explicit one, prepared; otherwise <c>&lt;environment key&gt;_&lt;identifier&gt;</c>, which
    /// holds '_' and so is always a string and never a version.
    /// </summary>
    private Operand IdentityKey()
    {
        var key = ContextColumns("key", "1");
        var explicitKey = $"{Scan($"{_row}.identity_key")} != ''";
        return key with
        {
            Kind = $"if({explicitKey}, {key.Kind}, 1)",
            Text = $"if({explicitKey}, {key.Text}, concat({Param("String", _environment.Key)}, '_', identifier))",
        };
    }

    /// <summary>An environment value, prepared here: the same for every row.</summary>
    private Operand Constant(string text)
    {
        var value = PreparedValue.OfString(text);
        return new Operand("1", null, new HashSet<PreparedKind> { value.Kind }, Param("String", value.Text),
            value.Number is { } n ? FloatParam(n) : null,
            value.IntegerKey is { } i ? Param("String", i) : null,
            value.SemverKey is { } s ? Param("String", s) : null);
    }

    private Operand IdentityKeyUnmapped() =>
        new("1", null, new HashSet<PreparedKind> { PreparedKind.String },
            $"if({Scan($"{_row}.identity_key")} = '', concat({Param("String", _environment.Key)}, '_', identifier), {Scan($"{_row}.identity_key")})", null, null, null);

    /// <summary>
    /// <c>concat(prefix, key)</c> for the unmapped identity key, one concatenation per row: the default key is spelled
    /// out inside it rather than built first.
    /// </summary>
    private string PrefixedIdentityKey(string prefix) =>
        $"if({Scan($"{_row}.identity_key")} = '', concat({prefix}, {Param("String", _environment.Key)}, '_', identifier), concat({prefix}, {Scan($"{_row}.identity_key")}))";
}
