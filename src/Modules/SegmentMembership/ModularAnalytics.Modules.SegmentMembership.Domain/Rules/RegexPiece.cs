namespace ModularAnalytics.Modules.SegmentMembership.Domain.Rules;

/// <summary>One element of a parsed pattern. Character-matching elements carry their exact set of code points.</summary>
public sealed record RegexPiece(RegexPieceKind Kind, string Text = "", CodePointSet? Set = null);
