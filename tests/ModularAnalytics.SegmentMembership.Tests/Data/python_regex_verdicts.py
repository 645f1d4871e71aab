"""Records CPython's re.match verdicts for the REGEX translation tests (RegexTranslationTests).

    python3 tests/ModularAnalytics.SegmentMembership.Tests/Data/python_regex_verdicts.py \\
      > tests/ModularAnalytics.SegmentMembership.Tests/Data/python-regex-verdicts.json

Each pattern is one REGEX condition value; its "matches" holds one digit per value, 1 where re.match(pattern, value)
matches. The data file names the Python version that produced it.
"""
import json
import re
import sys
import unicodedata

PATTERNS = [
    # The patterns issue 11 names, which Flagsmith runs.
    r"\w+", r"(?i)pro", r"a\sb", r"[\d]+", r"\D+", r"\S+\s\S+", r"(?s)a.b", r"\W",
    # Shorthands, in and out of classes, and their negations.
    r"\d+", r"\d{2,3}$", r"^\d+$", r"\w+$", r"\W+", r"[\D]", r"[^\W\d_]+$", r"[\s\S]*x", r"[\w.]+@[\w.]+",
    r"\s", r"\S", r"[\s]+", r"[^\s]+$", r"x?\d\Z", r"[\d\s]+$",
    # Case-insensitive matching: literals, classes, Python's extra equivalences (s/ſ, k/K, i/ı, µ/μ, σ/ς).
    r"(?i)[a-z]+$", r"(?i)[^a-z]", r"(?i)s", r"(?i)k", r"(?i)i", r"(?i)I", r"(?i)µ", r"(?i)σ", r"(?i)ß", r"(?i)straße",
    r"(?i)[k]", r"(?i)[^k]", r"(?i)[a-z\d]+$", r"(?i)[\d]", r"(?i)ǅ", r"(?i)Ω", r"(?i)é", r"(?i)[é-ë]", r"(?i)😀",
    r"(?i:PRO)fessional", r"(?i)pro(?-i:F)", r"(?i)[α-ω]+$",
    # Dot, DOTALL, MULTILINE and anchors.
    r".+", r"(?s).+", r"a.b", r"a$", r"(?m)a$", r"(?m)a$\nb", r"(?m)a\n^b", r"(?im)^PRO$", r"^$", r"$", r"a\Z", r"\Aa",
    r"abc$|x", r"(?s)a.*$", r"(?m).*$",
    # Repeats, literal braces, escapes, groups.
    r"x{,2}y", r"a{", r"a{x}", r"a{2}", r"a{1,}b", r"a*?b", r"(a|b)+c", r"(?:ab)*$", r"(?P<name>a)b", r"(?#note)a",
    r"\x41", r"\u00e9", r"\U0001F600", r"[\u0400-\u04ff]+", r"[]a]", r"[^]]", r"[a-]+$", r"\.", r"a\ b", r"[\b]", r"\0",
    r"[😀-😂]", r"[^😀]", r"\t", r"[\x00-\x1f]",
]

VALUES = [
    "", "a", "A", "abc", "ABC", "pro", "PRO", "Pro", "professional", "PROfessional", "proF", "proFessional", "prof",
    "a b", "a\tb", "a\nb", "a\u00a0b", "a\u3000b", "a\u2028b", "a\x1cb", "a\x85b", "a\u180eb", "a\u200bb", "a.b",
    "123", "12", "1234", "\u0661\u0662\u0663", "\u07c0", "\U0001D7D8\U0001D7D9", "\u00b2", "\u00bd", "\u2167", "x_y",
    "\u00e9", "\u00c9", "\u00eb", "\u00df", "\u1e9e", "\u017f", "s", "S", "K", "k", "\u212a", "\u0131", "\u0130", "i", "I",
    "\u00b5", "\u03bc", "\u039c", "\u01c5", "\u01c6", "\u01c4", "\u03c3", "\u03c2", "\u03a3", "\u03a9", "\u2126", "\u03c9",
    "\u03b1\u03b2\u03b3", "\u0391\u0392\u0393", "\U0001F600", "\U0001F601", "\U0001F603", "\n", "a\n", "abc\n",
    "ab\n\n", "a\nb\n", "PRO\n", "x\nPRO\nz", "foo bar", "foo  bar", "foo\n", "user@example.com", "john.doe@acme.io",
    "2024-01-05", "v1.2.3", "x1", "x12", "\u043f\u0440\u0438\u0432\u0435\u0442", "]", "a-", "a]", "\b", "\x00", "\t",
    "\x1f", "a b", "a  b", "y", "xxy", "xxxy", "aab", "aaab", "a{", "a{x}", "aa", "ababab", "abab\n", "ababa", "STRASSE",
    "stra\u00dfe", "Stra\u1e9eE", "strasse", "\u00c9t\u00e9", "\u00e9t\u00e9!", "x", "abx", "a\nx",
]


def main():
    data = {
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "values": VALUES,
        "patterns": [{"pattern": p, "matches": "".join("1" if re.match(p, v) else "0" for v in VALUES)} for p in PATTERNS],
    }
    json.dump(data, sys.stdout, ensure_ascii=True, indent=1)
    sys.stdout.write("\n")


main()
