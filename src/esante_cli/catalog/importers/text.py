"""Facts out of ONISEP's text: HTML reduced to plain text, the entry level, the starting salary.

Pure functions over strings. Each parser returns None (or a reason) when the text states no
figure it can read with certainty: a level or a salary is never guessed.
"""

from __future__ import annotations

import re
from html import unescape

from esante_cli.catalog.folding import unaccent
from esante_cli.textsafe import printable

# Blocks that end a paragraph; headings are kept apart so a section can be found by its title.
_BLOCKS = {"p", "div", "li", "ul", "ol", "br", "tr", "table", "section", "article", "blockquote"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"script", "style"}
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009]+")


def clean_text(value: str) -> str:
    """One line of text: controls and invisible characters removed (the validator refuses them:
    textsafe.py), every kind of space (no-break ones too) made one space."""
    return _SPACES.sub(" ", printable(value.replace("\n", " "))).strip()


# A tag, a declaration (<!DOCTYPE …>) or a processing instruction. `[^<>]*` stops at the next
# `<`: an unclosed tag costs what it spans, never a rescan of the rest (html.parser's scanning
# is quadratic on a field of `<!--` or `<a`, and it raises on some marked sections).
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:[\s/][^<>]*)?>|<[!?][^<>]*>")


def _without_comments(html: str) -> str:
    """The fragment without its comments; an unclosed comment hides the rest, as in a browser."""
    if "<!--" not in html:
        return html
    out, pos = [], 0
    while True:
        start = html.find("<!--", pos)
        if start < 0:
            out.append(html[pos:])
            break
        out.append(html[pos:start])
        end = html.find("-->", start + 4)
        if end < 0:
            break
        pos = end + 3
    return "".join(out)


def html_blocks(html: str | None) -> list[tuple[bool, str]]:
    """The fragment's paragraphs and headings, in order, as (is_heading, plain text).

    A small linear scanner, not html.parser: ONISEP's fragments are simple markup, and any text
    (malformed, truncated, a megabyte of `<!--`) is read in one pass without an exception."""
    if not html or not html.strip():
        return []
    html = _without_comments(html)
    blocks: list[tuple[bool, str]] = []
    parts: list[str] = []
    heading = False
    skip = 0

    def flush() -> None:
        text = clean_text(unescape("".join(parts)))
        if text:
            blocks.append((heading, text))
        parts.clear()

    pos = 0
    for match in _TAG_RE.finditer(html):
        if match.start() > pos and not skip:
            parts.append(html[pos : match.start()])
        pos = match.end()
        name = match.group(2)
        if not name:
            continue  # a declaration or a processing instruction
        tag, closing = name.lower(), bool(match.group(1))
        if tag in _SKIPPED:
            skip = max(0, skip - 1) if closing else skip + 1
        elif tag in _HEADINGS or tag in _BLOCKS:
            flush()
            heading = tag in _HEADINGS and not closing and not match.group().endswith("/>")
    if pos < len(html) and not skip:
        parts.append(html[pos:])
    flush()
    return blocks


def html_to_text(html: str | None) -> str:
    """The whole fragment as plain text, one space between blocks (for a summary)."""
    return " ".join(text for _, text in html_blocks(html))


def paragraphs(html: str | None) -> list[str]:
    """Each paragraph, prefixed by the heading above it when there is one (« Titre : texte »)."""
    out: list[str] = []
    heading = None
    for is_heading, text in html_blocks(html):
        if is_heading:
            heading = text
            continue
        out.append(f"{heading.rstrip(' :')} : {text}" if heading else text)
        heading = None
    return out


def section(html: str | None, *titles: str) -> str | None:
    """The text under the first heading that starts with one of `titles` (compared without case
    or accents), up to the next heading."""
    wanted = tuple(unaccent(t) for t in titles)
    found: list[str] | None = None
    for is_heading, text in html_blocks(html):
        if is_heading:
            if found is not None:
                break
            if unaccent(text).strip(" :").startswith(wanted):
                found = []
        elif found is not None:
            found.append(text)
    return " ".join(found) if found else None


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with « … » when it is longer."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


# ---------------------------------------------------------------- entry level

_LEVEL_RE = re.compile(r"bac\s*(?:\+\s*(\d+))?(?:\s*(?:ou\s+equivalent|et\s+plus|ou\s+plus))?\Z")


def parse_level(label: str | None) -> str | None:
    """« Bac + 2 » → bac+2, « bac + 5 » → bac+5, « Bac » → bac; anything else (CAP, bac pro,
    « Bac + 12 ») → None: esante's scale runs from bac to bac+8, and a level is never forced onto it."""
    if not label:
        return None
    match = _LEVEL_RE.match(clean_text(unaccent(label)))
    if not match:
        return None
    years = match.group(1)
    if years is None:
        return "bac"
    return f"bac+{int(years)}" if 1 <= int(years) <= 8 else None


# ---------------------------------------------------------------- starting salary

_AMOUNT = r"(\d{1,3}(?:[ .]\d{3})+|\d+)(?:,\d+)?"
_EURO = r"\s*(?:€|euros?\b)"
_RANGE_RE = re.compile(rf"(?:entre\s+|de\s+)?{_AMOUNT}(?:{_EURO})?\s*(?:et|a|-|–|—)\s*{_AMOUNT}{_EURO}")
_SINGLE_RE = re.compile(rf"{_AMOUNT}{_EURO}")
_MONTHLY_RE = re.compile(r"\b(?:par\s+mois|mensuel(?:le)?s?|/\s*mois)\b")
_YEARLY_RE = re.compile(r"\b(?:par\s+an|annuel(?:le)?s?|/\s*an)\b")


def _amount(text: str) -> int:
    return int(re.sub(r"[ .]", "", text))


def parse_salary(text: str | None) -> tuple[int, int | None, str] | None:
    """(min, max or None, basis) when the paragraph states a gross figure per month or per year:
    « 1 800 € brut par mois » → (1800, None, "brut_mensuel"), « entre 1 800 et 2 200 € brut
    par mois » → (1800, 2200, …); the first figure said to be gross and per month or year wins
    (« 1 600 € net, soit 2 050 € brut par mois » → 2050). None when no figure is."""
    if not text:
        return None
    plain = clean_text(unaccent(text))
    ranges = [(m, _amount(m.group(1)), _amount(m.group(2))) for m in _RANGE_RE.finditer(plain)]
    taken = [(m.start(), m.end()) for m, _, _ in ranges]
    singles = [(m, _amount(m.group(1)), None) for m in _SINGLE_RE.finditer(plain) if not any(a <= m.start() < b for a, b in taken)]
    for match, low, high in sorted(ranges + singles, key=lambda c: c[0].start()):
        basis = _gross_basis(plain, match)
        if basis and low > 0 and (high is None or low <= high):
            return low, high, basis
    return None


def _gross_basis(plain: str, match: re.Match) -> str | None:
    """brut_mensuel or brut_annuel when the words after a figure, up to the next one, say it is
    gross (not net) and per month or per year; else None."""
    after = plain[match.end() : match.end() + 60]
    following = _SINGLE_RE.search(after)
    after = after[: following.start()] if following else after
    gross = re.search(r"\bbruts?\b", after)
    if not gross or re.search(r"\bnets?\b", after[: gross.start()]):
        return None  # a net figure, or no basis said: esante keeps gross figures only
    monthly, yearly = _MONTHLY_RE.search(after), _YEARLY_RE.search(after)
    if monthly and (not yearly or monthly.start() < yearly.start()):
        return "brut_mensuel"
    return "brut_annuel" if yearly else None
