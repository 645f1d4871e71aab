namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

public enum RegexPieceKind
{
    /// <summary>One character from <see cref="RegexPiece.Set"/>: a literal, <c>.</c>, a class or a shorthand, flags applied.</summary>
    Set,
    GroupOpen,
    GroupClose,
    Alternation,
    Quantifier,

    /// <summary><c>^</c> or <c>\A</c>: the start of the text.</summary>
    TextStart,

    /// <summary><c>$</c> without MULTILINE: the end, or before a final newline (only last in a top-level alternative).</summary>
    EndAnchor,

    /// <summary><c>^</c> under MULTILINE: the start or after a newline.</summary>
    LineStart,

    /// <summary><c>$</c> under MULTILINE: the end or before a newline.</summary>
    LineEnd,

    /// <summary><c>\Z</c>: the very end of the text.</summary>
    TextEnd,
}
