"""Who is asking: their level, and what of the catalogue they can enter from it. No I/O of its own.

A person asking is an `Asker`: a level on the scale of the programmes (bac … bac+8), or at work
(« en poste »: continuing education, posts reached with experience). It comes from `--from` on
search, match, path and guide (read_level), or from the words of a query (« lycéen », « mon
fils », « en reconversion », « infirmière », « BTS »: vocabulary roles asker, level, profession,
read by explore/query.understand).

reach(record, asker) says what the record is to that person, as a code:
- careers: "entry" (a first job at their level), "after studies" (a first job at a higher
  level, or « after long studies » three years or more above theirs), "experience" (reached only with experience: after the entry careers for a student,
  ranked with them for someone at work, both after the programmes open to them);
- skills and sectors: "other" (after what one can enter, at equal match);
- programmes: "open" (entered from their level), "later" (entered from a level up to two years above theirs), "much later" (further),
  "behind" (ends at or below their level), "continuing" (for people at work: a student comes
  to it later), "" when the data does not say.
fit(record, asker) turns it into the factor a search score is multiplied by: what the person
can enter comes first at equal match, and a much better match still wins.
"""

from __future__ import annotations

from esante_cli.catalog.models import WORKING_LEVEL, Career, Record, Training, level_rank
from esante_cli.catalog.values import Frozen
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.folding import fold

WORKING = WORKING_LEVEL
# Before the bac: the routes of the data start at the bac.
_BEFORE_BAC = ("terminale", "terminal", "en terminale", "lycee", "au lycee", "lyceen", "lyceenne", "premiere", "seconde")
_AT_WORK = ("en poste", "poste", "salarie", "en activite", "reconversion")
# A diploma named alone (« licence », « un master »): routes.check_level reads the level it ends at
# (« licence 3 », « BTS », « M2 »… are the vocabulary's level words; in a search, « licence » or
# « master » is what one looks for, not who asks).

# What each reach is worth to a student (a level) and to someone at work.
STUDENT_FIT = {
    "entry": 1.0, "open": 1.0, "": 0.85, "after studies": 0.9, "after long studies": 0.8, "other": 0.6, "later": 0.65, "much later": 0.45, "experience": 0.7,
    "continuing": 0.7, "behind": 0.7,
}  # fmt: skip
UNKNOWN_EXPERIENCE_FIT = 1.0  # nobody said who asks: a query naming a post reached with experience wants it
WORKING_FIT = {
    "continuing": 1.0, "entry": 0.8, "experience": 0.8, "after studies": 0.8, "after long studies": 0.8, "open": 0.8, "later": 0.8, "much later": 0.8,
    "behind": 0.8, "": 0.9, "other": 0.75,
}  # fmt: skip


# A Frozen value class (catalog/values.py), not a dataclass: no methods generated at start-up.
class Asker(Frozen):
    __slots__ = ("level", "working", "text")
    level: str | None  # bac … bac+8; None for someone at work
    working: bool
    text: str  # the words that said it (« en terminale »), or the option's value

    def __init__(self, level: str | None, working: bool = False, text: str = "") -> None:
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "working", working)
        object.__setattr__(self, "text", text)

    @property
    def label(self) -> str:
        return WORKING if self.working else (self.level or "")

    def to_dict(self) -> dict[str, object]:
        return {"text": self.text, "level": self.level, "working": self.working}


def read_level(value: str) -> tuple[str | None, bool]:
    """--from as typed → (level, working): « Bac+2 » → ("bac+2", False), « en poste » → (None, True),
    « terminale » (or lycée, première, seconde: still before the bac) → ("bac", False), « licence »
    → ("bac+3", False), « master » → ("bac+5", False). understand.read_level adds the words a
    search reads as who is asking (« BTS », « en reconversion », « je suis infirmière »)."""
    from esante_cli.explore.routes import check_level

    folded = " ".join(fold(value).replace("-", " ").split())
    if folded in _AT_WORK:
        return None, True
    if folded in _BEFORE_BAC:
        return "bac", False
    try:
        return check_level(value, "--from"), False
    except EsanteError as exc:
        raise EsanteError(f"{exc} ou « {WORKING} » (ou licence, master, BTS, « en reconversion »…)", code=ExitCode.USAGE) from None


def from_option(value: str | None) -> Asker | None:
    """The asker an option names (--from), None without one."""
    if value is None:
        return None
    level, working = read_level(value)
    return Asker(level, working, value.strip())


def from_words(level: str, text: str) -> Asker:
    """The asker a vocabulary entry's `level` names (a level, or « en poste »)."""
    return Asker(None, True, text) if level == WORKING else Asker(level, False, text)


def _rank(level: str | None) -> int | None:
    try:
        return level_rank(level) if level else None
    except KeyError:
        return None


def reach(record: Record, asker: Asker) -> str:
    """What the record is to this person (see the module docstring)."""
    if isinstance(record, Career):
        if record.experience is not None and record.entry_level is None:
            return "experience"
        entry = _rank(record.entry_level)
        if asker.working or entry is None or entry <= (_rank(asker.level) or 0):
            return "entry"
        # an entry career, once studies reach its level: soon, or years away
        return "after studies" if entry - (_rank(asker.level) or 0) <= 2 else "after long studies"
    if not isinstance(record, Training):
        return "other"  # a skill, a sector: what one learns or where one works, not what one enters
    from esante_cli.explore.routes import open_to_working

    entry, exit_ = _rank(record.entry_level), _rank(record.exit_level)
    if asker.working:
        return "continuing" if open_to_working(record) else ("open" if entry is not None else "")
    here = _rank(asker.level) or 0
    if entry is None:
        return "continuing" if record.continuing else ""
    if exit_ is not None and exit_ <= here:
        return "behind"
    if entry <= here:
        return "open"
    return "later" if entry - here <= 2 else "much later"


def fit(record: Record, asker: Asker | None) -> float:
    """The factor a search score is multiplied by for this person (UNKNOWN_EXPERIENCE_FIT for a
    post reached with experience when nobody said who asks: 1.0, such a query often names it)."""
    if asker is None:
        experienced = isinstance(record, Career) and record.experience is not None and record.entry_level is None
        return UNKNOWN_EXPERIENCE_FIT if experienced else 1.0
    return (WORKING_FIT if asker.working else STUDENT_FIT)[reach(record, asker)]
