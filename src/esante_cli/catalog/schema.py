"""The record checker: one raw YAML record turned into a model instance, or its problems reported
field by field, against the fields each section declares (specs.py). Pure: no file I/O.

Problems go to a sink with `add(path, message, section, index, field)` and a `rejected_ids`
set (problems.Problems), which finds their lines later, only when there are some.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from esante_cli.textsafe import INVISIBLE_RE
from esante_cli.catalog.models import (
    DURATION_UNITS,
    LEVELS,
    SALARY_BASES,
    SALARY_PAYS,
    SALARY_PERIODS,
    WORKING_LEVEL,
    Duration,
    Experience,
    JobTitle,
    Record,
    Salary,
    Source,
    is_level,
)
from esante_cli.catalog.specs import (
    ENUMS, MAX_TEXT_CHARS, PLAUSIBLE, PLAUSIBLE_DURATION, PLAUSIBLE_PERCENT, PLAUSIBLE_SALARY,
    PLAUSIBLE_SALARY_YEAR, RENAMES, REQUIRED, SECTION_TYPES, SPECS, VOCABULARY_NEEDS,
)  # fmt: skip

if TYPE_CHECKING:
    from esante_cli.catalog.problems import Problems

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_DATE_RE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?\Z")
_URL_RE = re.compile(r"https?://[^\s/]+\.[^\s]*\Z")
# Refused in data: C0/C1 controls (tab and newline allowed), bidi controls, line separators,
# tag and other format characters (textsafe.py).
_FORBIDDEN_RE = INVISIBLE_RE



def _figure(value: float) -> str:
    """A bound or a value as people write it: 1 000 000, -100, 0,5."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        value = int(value)
    if isinstance(value, int):
        text = f"{value:,}".replace(",", "\u202f")
        return text if len(text) <= 30 else f"{str(value)[:12]}… ({len(str(abs(value)))} chiffres)"
    return f"{value:.6g}".replace(".", ",")


def implausible(value: float, bounds: tuple[float, float], unit: str = "") -> str | None:
    """The problem with a number outside its plausible range, or None."""
    lo, hi = bounds
    if lo <= value <= hi:
        return None
    suffix = f" {unit}" if unit else ""
    return f"valeur invraisemblable : {_figure(value)}{suffix} (attendu entre {_figure(lo)} et {_figure(hi)}{suffix})"




class Pending:
    """A record read from a file, before reference checks (a plain class: no import-time cost)."""

    __slots__ = ("record", "path", "section", "index")

    def __init__(self, record: Record, path: Path, section: str, index: int) -> None:
        self.record, self.path, self.section, self.index = record, path, section, index


def _check_text(value: Any, what: str = "texte") -> str | None:
    """Error message for a bad text value, or None."""
    if not isinstance(value, str):
        return f"{what} attendu, trouvé {type_name(value)}"
    if len(value) > MAX_TEXT_CHARS:
        return f"texte trop long ({len(value)} caractères ; limite {MAX_TEXT_CHARS})"
    bad = _FORBIDDEN_RE.search(value)
    if bad:
        char = bad.group()
        what = "de contrôle" if char <= "\x9f" else "invisible ou de mise en forme"
        return f"caractère {what} interdit (U+{ord(char):04X})"
    if not value.strip():
        return "texte vide"
    return None


def _good_text(value: Any) -> bool:
    """The common case, fast: a text that _check_text accepts (any doubt goes to _check_text)."""
    return (
        value.__class__ is str
        and 0 < len(value) <= MAX_TEXT_CHARS
        and not value.isspace()
        and _FORBIDDEN_RE.search(value) is None
    )


def type_name(value: Any) -> str:
    import datetime

    if isinstance(value, (datetime.date, datetime.datetime)):
        return "une date"
    return {
        bytes: "des données binaires",
        set: "un ensemble",
        type(None): "une valeur vide",
        bool: "un booléen",
        int: "un nombre",
        float: "un nombre",
        str: "un texte",
        list: "une liste",
        dict: "un dictionnaire",
    }.get(type(value), type(value).__name__)


def _is_number(value: Any) -> bool:
    """A finite int or float (YAML's .nan and .inf are not figures; an int of any size is finite,
    and math.isfinite would overflow on one too large for a float)."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


class _Checker:
    """Turns one raw record into model values, reporting problems field by field."""

    type_name = staticmethod(type_name)  # for schema_rome.py, which does not import this module

    def __init__(self, problems: Problems, path: Path, section: str, index: int) -> None:
        self.problems, self.path, self.section, self.index = problems, path, section, index
        self.ok = True

    def fail(self, field: str, message: str) -> None:
        self.ok = False
        self.problems.add(self.path, message, self.section, self.index, field)

    def text(self, field: str, value: Any) -> str | None:
        if _good_text(value):
            return value
        error = _check_text(value)
        if error:
            self.fail(field, error)
            return None
        return value

    def texts(self, field: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        if value.__class__ is list and all(map(_good_text, value)):
            return tuple(value)
        if not isinstance(value, list):
            self.fail(field, f"liste attendue, trouvé {type_name(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            checked = self.text(f"{field}[{i}]", item)
            if checked is not None:
                out.append(checked)
        return tuple(out)

    def value(self, field: str, spec: str, value: Any) -> Any:
        if spec == "id":
            if not isinstance(value, str) or not _ID_RE.match(value):
                self.fail(field, "identifiant invalide : minuscules sans accents, chiffres et tirets (ex. chef-de-projet-e-sante)")
                return None
            return value
        if spec == "str":
            return self.text(field, value)
        if spec == "str?":
            return None if value is None else self.text(field, value)
        if spec == "[str]" or spec.startswith("[ref:"):
            return self.texts(field, value)
        if spec == "sources":
            sources = self.texts(field, value)
            if not sources and value is not None:
                self.fail(field, "au moins une source est requise")
            return sources
        if spec == "bool":
            if value is None:
                return False
            if not isinstance(value, bool):
                self.fail(field, f"true ou false attendu, trouvé {type_name(value)}")
                return False
            return value
        if spec in ("num", "num?"):
            if value is None and spec == "num?":
                return None
            if not _is_number(value):
                found = "NaN ou infini" if isinstance(value, float) else type_name(value)
                self.fail(field, f"nombre attendu, trouvé {found}")
                return None
            return self.plausible(field, value)
        if spec == "int?":
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                self.fail(field, f"nombre entier attendu, trouvé {type_name(value)}")
                return None
            return self.plausible(field, value)
        if spec == "date?":
            if value is None:
                return None
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)  # `date: 2024` reads as a number
            elif hasattr(value, "isoformat") and not isinstance(value, str):
                value = value.isoformat()  # `date: 2024-06-01` reads as a date
            if not isinstance(value, str) or not _DATE_RE.match(value):
                self.fail(field, f"date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ, trouvé « {value} »")
                return None
            return value
        if spec == "url?":
            if value is None:
                return None
            if not isinstance(value, str) or not _URL_RE.match(value):
                self.fail(field, f"adresse web attendue (http:// ou https://…), trouvé « {value} »")
                return None
            return value
        if spec == "level?":
            if value is None:
                return None
            if not is_level(value):
                self.fail(field, f"niveau inconnu « {value} » ; niveaux valides : {', '.join(LEVELS)}")
                return None
            return value
        if spec.startswith("[enum:"):
            values = self.texts(field, value)
            allowed = ENUMS[spec[6:-1]]
            for i, item in enumerate(values):
                if item not in allowed:
                    self.fail(f"{field}[{i}]", f"valeur inconnue « {item} » ; valeurs possibles : {', '.join(allowed)}")
            return values
        if spec.startswith("enum:"):
            allowed = ENUMS[spec[5:]]
            if value not in allowed:
                self.fail(field, f"valeur inconnue « {value} » ; valeurs possibles : {', '.join(allowed)}")
                return None
            return value
        if spec == "salary?":
            return None if value is None else self.salary(field, value)
        if spec == "duration?":
            return None if value is None else self.duration(field, value)
        if spec == "experience?":
            if value is None:
                return None
            parts = self.mapping(field, value, {"years": "int?", "note": "str?"})
            if not isinstance(value, dict):
                return None
            if parts["years"] is not None and parts["years"] <= 0:
                self.fail(f"{field}.years", "nombre d'années négatif ou nul")
                return None
            return Experience(parts["years"], parts["note"])
        if spec == "career_codes":
            codes = self.mapping(field, value, {"rome": "[str]", "onisep": "str?"})
            return codes
        if spec == "training_codes":
            return self.mapping(field, value, {"onisep": "str?"})
        if spec == "job_titles":
            return self.job_titles(field, value)
        if spec in ("rome_code", "theme_links", "groups", "rome_links", "riasec?"):
            from esante_cli.catalog import schema_rome

            return schema_rome.check(self, spec, field, value)
        raise AssertionError(f"unknown spec {spec}")  # pragma: no cover - a bug in SPECS

    def plausible(self, field: str, value: float, bounds: tuple[float, float] | None = None, unit: str = "") -> Any:
        """The value, or None after a problem when it lies outside its plausible range."""
        bounds = bounds or PLAUSIBLE.get((self.section, field))
        problem = implausible(value, bounds, unit) if bounds else None
        if problem:
            self.fail(field, problem)
            return None
        return value

    def mapping(self, field: str, value: Any, spec: dict[str, str]) -> dict[str, Any]:
        if value is None:
            return {k: self.value(f"{field}.{k}", s, None) for k, s in spec.items()}
        if not isinstance(value, dict):
            self.fail(field, f"dictionnaire attendu, trouvé {type_name(value)}")
            return {k: self.value(f"{field}.{k}", s, None) for k, s in spec.items()}
        for key in value:
            if key not in spec:
                self.fail(f"{field}.{key_name(key)}", unknown_key(key, spec))
        return {k: self.value(f"{field}.{k}", s, value.get(k)) for k, s in spec.items()}

    def salary(self, field: str, value: Any) -> Salary | None:
        """A salary with its context (docs/salaries.md). The old form — `basis: brut_annuel` or
        `brut_mensuel` and a note — still reads: its period, and brut/net, year, who unknown."""
        spec = {
            "min": "num?", "max": "num?", "period": "str?", "pay": "str?", "year": "int?",
            "year_estimated": "bool", "who": "str?", "sources": "[str]", "note": "str?", "basis": "str?",
        }  # fmt: skip
        parts = self.mapping(field, value, spec)
        if not isinstance(value, dict):
            return None
        lo, hi, period, basis = parts["min"], parts["max"], parts["period"], parts["basis"]
        pay = parts["pay"]
        ok = True
        if basis is not None:
            if period is not None or pay is not None:
                self.fail(f"{field}.basis", "« basis » est l'ancienne forme : avec « period » et « pay », retirez-la")
                ok = False
            elif basis not in SALARY_BASES:
                self.fail(f"{field}.basis", f"base inconnue « {basis} » ; valeurs possibles : {', '.join(SALARY_BASES)}")
                ok = False
            else:
                period = SALARY_BASES[basis]
        elif period is None and value.get("period") is None:
            self.fail(f"{field}.period", "champ obligatoire manquant : mensuel ou annuel")
            ok = False
        if period is not None and period not in SALARY_PERIODS:
            self.fail(f"{field}.period", f"période inconnue « {period} » ; valeurs possibles : {', '.join(SALARY_PERIODS)}")
            ok = False
        if pay is not None and pay not in SALARY_PAYS:
            self.fail(f"{field}.pay", f"valeur inconnue « {pay} » ; valeurs possibles : {', '.join(SALARY_PAYS)}")
            ok = False
        if parts["year"] is not None and self.plausible(f"{field}.year", parts["year"], PLAUSIBLE_SALARY_YEAR) is None:
            ok = False
        if parts["year_estimated"] and parts["year"] is None:
            self.fail(f"{field}.year_estimated", "une année estimée demande une année (year)")
            ok = False
        if value.get("min") is None and value.get("max") is None:
            self.fail(field, "un salaire doit avoir au moins un minimum ou un maximum (sinon, mettez salary: null)")
            ok = False
        for name, amount in (("min", lo), ("max", hi)):
            if amount is not None and amount <= 0:
                self.fail(f"{field}.{name}", "montant négatif ou nul")
                ok = False
            elif amount is not None and period in PLAUSIBLE_SALARY:
                if self.plausible(f"{field}.{name}", amount, PLAUSIBLE_SALARY[period], f"€ ({period})") is None:
                    ok = False
        if lo is not None and hi is not None and lo > hi:
            self.fail(field, f"minimum ({lo}) supérieur au maximum ({hi})")
            ok = False
        if not ok or period is None:
            return None
        return Salary(lo, hi, period, pay or "non_precise", parts["year"], parts["year_estimated"], parts["who"],
                      parts["sources"], parts["note"])  # fmt: skip

    def duration(self, field: str, value: Any) -> Duration | None:
        parts = self.mapping(field, value, {"value": "num", "unit": "str"})
        if not isinstance(value, dict):
            return None
        amount, unit = parts["value"], parts["unit"]
        ok = amount is not None and unit is not None
        if amount is not None and amount <= 0:
            self.fail(f"{field}.value", "durée négative ou nulle")
            ok = False
        elif amount is not None and unit in PLAUSIBLE_DURATION:
            ok = self.plausible(f"{field}.value", amount, PLAUSIBLE_DURATION[unit], unit) is not None and ok
        if unit is not None and unit not in DURATION_UNITS:
            self.fail(f"{field}.unit", f"unité inconnue « {unit} » ; valeurs possibles : {', '.join(DURATION_UNITS)}")
            ok = False
        return Duration(amount, unit) if ok else None

    def job_titles(self, field: str, value: Any) -> tuple[JobTitle, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(field, f"liste attendue, trouvé {type_name(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            parts = self.mapping(f"{field}[{i}]", item, {"title": "str", "career": "str?"})
            if isinstance(item, dict) and parts["title"] is not None:
                out.append(JobTitle(parts["title"], parts["career"]))
        return tuple(out)


def key_name(key: Any) -> str:
    """A YAML key as it is written in the file: `null`, `true`, `12`, `2024-01-01`, text."""
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def unknown_key(key: Any, valid: dict[str, str] | tuple[str, ...], noun: str = "champ") -> str:
    """« champ inconnu « x » ; vouliez-vous dire … » (noun « section » agrees: « section inconnue »)."""
    import difflib

    name = key_name(key)
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else f" ; {noun}s valides : {', '.join(valid)}"
    unknown = "inconnue" if noun == "section" else "inconnu"
    return f"{noun} {unknown} « {name} »{hint}"


# What an absent (null) optional field becomes, without going through _Checker.value.
_ABSENT: dict[str, Any] = {
    "str?": None,
    "[str]": (),
    "bool": False,
    "num?": None,
    "int?": None,
    "date?": None,
    "url?": None,
    "level?": None,
    "salary?": None,
    "duration?": None,
    "experience?": None,
    "job_titles": (),
    "theme_links": (),
    "groups": (),
    "rome_links": (),
    "riasec?": {"riasec_major": None, "riasec_minor": None},
    "career_codes": {"rome": (), "onisep": None},
    "training_codes": {"onisep": None},
}
_NO_DEFAULT = object()


def _plan(section: str) -> list[tuple[str, str, str, bool, Any, Callable[..., Any] | None]]:
    """For each field of a section: key, spec, model attribute, required, value when absent, and
    the _Checker method for a present value when it is a plain text or list of texts."""
    required = REQUIRED[section]
    plan = []
    for key, spec in SPECS[section].items():
        is_list = spec == "[str]" or spec.startswith("[ref:")
        direct = _Checker.texts if is_list else _Checker.text if spec in ("str", "str?") else None
        absent = () if is_list else _ABSENT.get(spec, _NO_DEFAULT)
        attr = key if section == "sources" else RENAMES.get(key, key)
        plan.append((key, spec, attr, key in required, absent, direct))
    return plan


_PLANS = {section: _plan(section) for section in SPECS}


def check_record(problems: Problems, path: Path, section: str, index: int, raw: Any) -> Record | Source | None:
    checker = _Checker(problems, path, section, index)
    if not isinstance(raw, dict):
        checker.fail(f"{section}[{index}]", f"chaque enregistrement doit être un dictionnaire, trouvé {type_name(raw)}")
        return None
    spec = SPECS[section]
    for key in raw:
        if key not in spec:
            checker.fail(key_name(key), unknown_key(key, spec))
    for key in REQUIRED[section]:
        if raw.get(key) is None:
            checker.fail(key, "champ obligatoire manquant")
    kwargs: dict[str, Any] = {}
    get = raw.get
    for key, kind, attr, required, absent, direct in _PLANS[section]:
        value = get(key)
        if value is None:
            if required:
                continue
            value = absent if absent is not _NO_DEFAULT else checker.value(key, kind, None)
        elif direct is not None:
            value = direct(checker, key, value)
        else:
            value = checker.value(key, kind, value)
        if key == "codes" or (key == "riasec" and section == "rome"):
            kwargs.update(value)
        else:
            kwargs[attr] = value
    if section == "market" and kwargs.get("unit") == "%" and kwargs.get("value") is not None:
        kwargs["value"] = checker.plausible("value", kwargs["value"], PLAUSIBLE_PERCENT, "%")
    if section == "vocabulary" and checker.ok:
        _check_vocabulary(checker, kwargs)
    if not checker.ok:
        return None
    return SECTION_TYPES[section](**kwargs)


def _check_vocabulary(checker: _Checker, entry: dict[str, Any]) -> None:
    """A vocabulary entry has words, and what its role needs (a skill role names skills…)."""
    if not entry["words"]:
        checker.fail("words", "au moins un mot est requis")
    need = VOCABULARY_NEEDS.get(entry["role"])
    if need and not entry.get(need):
        checker.fail(need, f"champ obligatoire pour le rôle « {entry['role']} »")
    level = entry.get("level")
    if level is not None and not is_level(level) and level != WORKING_LEVEL:
        checker.fail("level", f"niveau inconnu « {level[:40]} » : bac, bac+1 … bac+8 ou « {WORKING_LEVEL} »")
