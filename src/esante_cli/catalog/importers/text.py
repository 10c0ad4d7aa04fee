"""Facts out of ONISEP's text: HTML reduced to plain text, the entry level, the starting salary.

Pure functions over strings. Each parser returns None (or a reason) when the text states no
figure it can read with certainty: a level or a salary is never guessed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from esante_cli.catalog.folding import unaccent

# Blocks that end a paragraph; headings are kept apart so a section can be found by its title.
_BLOCKS = {"p", "div", "li", "ul", "ol", "br", "tr", "table", "section", "article", "blockquote"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"script", "style"}
# Controls (the validator refuses them), zero-width and bidi characters: removed or made spaces.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009]+")


def clean_text(value: str) -> str:
    """One line of text: controls removed, every kind of space (no-break ones too) made one space."""
    return _SPACES.sub(" ", _CONTROLS.sub(" ", value.replace("\n", " "))).strip()


class _Blocks(HTMLParser):
    """Collects (is_heading, text) blocks from an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []
        self._parts: list[str] = []
        self._heading = False
        self._skip = 0

    def _flush(self) -> None:
        text = clean_text("".join(self._parts))
        if text:
            self.blocks.append((self._heading, text))
        self._parts = []

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ANN001
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()
            self._heading = tag in _HEADINGS

    def handle_startendtag(self, tag: str, attrs: list) -> None:  # noqa: ANN001
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _HEADINGS or tag in _BLOCKS:
            self._flush()
            self._heading = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(html: str | None) -> list[tuple[bool, str]]:
    """The fragment's paragraphs and headings, in order, as (is_heading, plain text)."""
    if not html or not html.strip():
        return []
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


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
