"""Text normalisation every resume reader applies before handing text to analysis.

Readers differ in how they damage text: PDFs keep typographic ligatures and words
hyphenated at line ends, Word files carry non-breaking spaces and symbol-font bullets,
web exports leak zero-width and bidi control characters (which can also hide or reorder
what a human sees). The analysis stage quotes the text verbatim, so it must get one
consistent, plain form.
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["BULLET", "clean_text", "is_private_use", "strip_inline_markdown"]

BULLET = "• "

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}

# Bidi embeddings/overrides/isolates can make displayed text differ from stored text.
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_ZERO_WIDTH = "\u200b\u2060\ufeff\u180e\u00ad"
_ODD_SPACES = (
    "\t\u000b\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u202f\u205f\u3000"
)

_DROP_TABLE: dict[int, str | None] = {ord(ch): None for ch in _BIDI + _ZERO_WIDTH}
_DROP_TABLE.update({ord(ch): " " for ch in _ODD_SPACES})
_DROP_TABLE.update({ord(k): v for k, v in _LIGATURES.items()})
_DROP_TABLE.update({0x2028: "\n", 0x2029: "\n\n", 0x0C: "\n", 0x85: "\n"})

# Glyphs that mark a list item when they open a line. ASCII "-" and "*" and the dashes
# only count when a space follows, so "-5%" or "–2021" stay as written.
_BULLET_GLYPHS = "•▪●◦‣⁃▫■□○◆◇❖➤➢►▸▹✓✔✦★☆→·∙⦁⦾⦿"
_BULLET_RE = re.compile(rf"^(?:[{_BULLET_GLYPHS}]\s*|[-*+–—]\s+(?=\D)|[-*+]\s+(?=\d))")
_NUMBERED_RE = re.compile(r"^(?:\d{1,2}[.)]|>)\s+(?=\S)")
# Bullets of the Symbol and Wingdings fonts, which Word maps into the Private Use Area.
_SYMBOL_BULLETS = frozenset({0xF0B7, 0xF0A7, 0xF076, 0xF0D8, 0xF0FC, 0xF0A8, 0xF0E8, 0xF06E})
_CONTACT_HINT = re.compile(r"@|https?://|www\.|\+?\d[\d ().-]{6,}\d|linkedin|github", re.I)

# A word cut by a line break: letters, hyphen, newline, letters.
_HYPHEN_BREAK = re.compile(r"(?<![\w-])([^\W\d_]+(?:-[^\W\d_]+)*)-\n([^\W\d_]+)")

# First parts that usually begin a real compound ("co-founder", "self-taught").
_PREFIX_WORDS = """
    co non self ex cross well full part half cost end high low long short real multi mid semi
    state world best hands open user data client team cloud time fast large small third first
    second top front back cutting award hand one two three
    """
_COMPOUND_PREFIXES = frozenset(_PREFIX_WORDS.split())
# Second parts that usually end a real compound ("data-driven", "customer-facing").
_SUFFIX_WORDS = """
    based driven oriented facing level scale time end term focused related specific friendly
    aware first made owned wide free like led funded winning class grade ready critical
    intensive native sensitive tier stack
    """
_COMPOUND_SUFFIXES = frozenset(_SUFFIX_WORDS.split())
_SPACE_RUN = re.compile(r" {2,}")
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
# C0/C1 controls except the newline, lone surrogates and the two non-characters.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_STRAY_JOINER = re.compile(
    r"(?<![^\W\d_])[\u200c\u200d]|[\u200c\u200d](?![^\W\d_])|(?<=[A-Za-z])[\u200c\u200d]"
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
_BLANK_RUN = re.compile(r"\n{3,}")


def is_private_use(ch: str) -> bool:
    """True for Private Use Area code points: icon-font glyphs with no meaning as text."""
    code = ord(ch)
    return 0xE000 <= code <= 0xF8FF or 0xF0000 <= code <= 0x10FFFF


def _strip_controls(text: str) -> str:
    text = _CONTROL.sub("", text)
    # Joiners matter inside scripts such as Persian or Devanagari; elsewhere they are
    # invisible noise that breaks word matching. (The pattern is slow to scan for.)
    if "\u200c" not in text and "\u200d" not in text:
        return text
    return _STRAY_JOINER.sub("", text)


def _clean_line(line: str, keep_layout: bool = False, private: bool = True) -> str:
    indent = ""
    if keep_layout:
        # Plain-text resumes carry structure in whitespace: an indented title under its
        # employer, a column gap before the dates. Keep the indent (at most 12) and mark
        # any gap of two or more spaces as exactly three.
        stripped = line.lstrip(" ")
        indent = " " * min(len(line) - len(stripped), 12)
        line = _GAP.sub("   ", stripped).rstrip()
    else:
        line = (_SPACE_RUN.sub(" ", line) if "  " in line else line).strip()
    if not line:
        return ""
    # ``private``: the text holds Private Use characters (icon glyphs) to deal with.
    return indent + (_clean_content(line) if private else _bulleted(line))


def _clean_content(line: str) -> str:
    if is_private_use(line[0]):
        rest = line.lstrip("".join(ch for ch in line[:4] if is_private_use(ch))).strip()
        rest = _drop_private_use(rest)
        # An icon before contact details or a heading is decoration, not a list item.
        if ord(line[0]) not in _SYMBOL_BULLETS and (
            not rest or _CONTACT_HINT.search(rest) or _looks_like_heading(rest)
        ):
            return rest
        return BULLET + rest
    return _bulleted(_drop_private_use(line))


def _bulleted(line: str) -> str:
    match = _BULLET_RE.match(line)
    numbered = _NUMBERED_RE.match(line)
    if numbered and not _looks_like_heading(line[numbered.end() :].strip()):
        # "1. Led the audit", "> Led the audit": list items too; a numbered heading
        # ("2. Experience") stays a heading.
        return BULLET + line[numbered.end() :].strip()
    if match:
        rest = line[match.end() :].strip()
        return BULLET + rest if rest else ""
    return line


def _looks_like_heading(text: str) -> bool:
    words = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    return (
        0 < len(words) <= 4
        and not text.endswith((".", ",", ";", ":"))
        and not any(w[0].islower() for w in words)
    )


def _drop_private_use(line: str) -> str:
    if not _PRIVATE_USE.search(line):
        return line
    return _SPACE_RUN.sub(" ", _PRIVATE_USE.sub(" ", line)).strip()


def _join_hyphenated(match: re.Match[str]) -> str:
    left, right = match.group(1), match.group(2)
    last_part = left.rsplit("-", 1)[-1]
    # A capital after the break ("Scikit-\nLearn", "Jean-\nPaul") is a compound's part.
    keep_hyphen = (
        not right[0].islower()
        or "-" in left
        or last_part.lower() in _COMPOUND_PREFIXES
        or right.lower() in _COMPOUND_SUFFIXES
        or len(last_part) + len(right) > 40
    )
    return f"{left}-{right}" if keep_hyphen else f"{left}{right}"


def _rejoin_hyphenation(text: str) -> str:
    if "-\n" not in text:
        return text  # the pattern is slow to scan for, and needs a hyphen at a line end
    return _HYPHEN_BREAK.sub(_join_hyphenated, text)


def clean_text(text: str, keep_layout: bool = False) -> str:
    """Normalise extracted resume text into one plain, consistent form.

    NFC-normalises; repairs ligatures; removes zero-width, bidi-control and other
    control characters; turns odd spaces and tabs into single spaces; writes every
    list bullet as ``"• "``; joins words hyphenated across a line break (keeping the
    hyphen of real compounds such as "co-founder" or "data-driven"); collapses runs of
    blank lines to one. ``keep_layout`` keeps each line's indent and marks column gaps
    (plain-text resumes); otherwise every run of spaces becomes one.
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if keep_layout:
        text = text.expandtabs(4)
    text = text.translate(_DROP_TABLE)
    text = _strip_controls(text)
    private = _PRIVATE_USE.search(text) is not None
    lines = [_clean_line(line, keep_layout, private) for line in text.split("\n")]
    text = "\n".join(lines)
    text = _rejoin_hyphenation(text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n ") if not keep_layout else text.strip("\n").rstrip()


# --------------------------------------------------------------------------- inline markup

_BLOCK_TAG = re.compile(
    r"</?(?:div|p|br|hr|h[1-6]|ul|ol|li|table|tr|section|article|header|footer|blockquote|dl|dt|dd)"
    r"\b[^>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>", re.S)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\s?\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+|[^@>\s]+@[^>\s]+)>")
_ATTRIBUTES = re.compile(r"\s*\{[:#.][^}]*\}")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"
)
_STRIKE = re.compile(r"~~(.+?)~~")
_CODE = re.compile(r"`+([^`]*?)`+")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def strip_inline_markdown(text: str) -> str:
    """Link text without URLs, no emphasis markers, no inline HTML: what a reader sees."""
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _STRIKE.sub(r"\1", text)
    text = _ATTRIBUTES.sub("", text)
    return html.unescape(_ESCAPE.sub(r"\1", text))
