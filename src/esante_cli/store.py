"""Find, read and validate the YAML data: the only module that touches data files.

Loading is two-speed. The normal path parses each file with libyaml's C loader (when
present) and checks every record against the schema below, without tracking line numbers.
Only when something is wrong is the file composed a second time, with node marks, to give
each problem its line: errors are rare, so the common path pays nothing for them.
"""

from __future__ import annotations

import gc
import math
import os
import re
from pathlib import Path
from typing import Any, Callable, Iterable

from esante_cli.errors import EsanteError, ExitCode
from esante_cli.models import (
    DURATION_UNITS,
    KIND_BY_NAME,
    LEVELS,
    RECORD_TYPES,
    SALARY_BASES,
    SKILL_CATEGORIES,
    TRAINING_KINDS,
    Catalog,
    Duration,
    Frozen,
    JobTitle,
    Record,
    Salary,
    is_level,
    level_rank,
)

ENV_DATA_DIR = "ESANTE_DATA_DIR"
ENV_EXTRA_DIRS = "ESANTE_EXTRA_DIRS"  # overlay folders, os.pathsep-separated
MAX_FILE_BYTES = 20 * 1024 * 1024  # a data file larger than this is refused, not parsed
MAX_TEXT_CHARS = 10_000  # longest text field accepted
MAX_PROBLEMS = 200  # `validate` stops listing after this many

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
# C0/C1 controls (tab and newline allowed) and bidirectional overrides: refused in data.
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Field specs per kind. Types:
#   id, str (required text), str? , [str], sources (non-empty [str]), bool, num, num?, int?,
#   level?, salary?, duration?, enum:<name>, [ref:<kind>], career_codes, training_codes, job_titles
SPECS: dict[str, dict[str, str]] = {
    "careers": {
        "id": "id",
        "title": "str",
        "feminine": "str?",
        "masculine": "str?",
        "other_titles": "[str]",
        "aliases": "[str]",
        "codes": "career_codes",
        "summary": "str",
        "missions": "[str]",
        "skills": "[ref:skill]",
        "entry_level": "level?",
        "salary": "salary?",
        "sectors": "[ref:sector]",
        "employers": "[str]",
        "statuses": "[str]",
        "evolutions": "[ref:career]",
        "related": "[ref:career]",
        "trainings": "[ref:training]",
        "interests": "[str]",
        "sources": "sources",
    },
    "trainings": {
        "id": "id",
        "name": "str",
        "institution": "str?",
        "city": "str?",
        "kind": "enum:training_kind",
        "entry_level": "level?",
        "exit_level": "level?",
        "duration": "duration?",
        "leads_to": "[ref:training]",
        "careers": "[ref:career]",
        "labels": "[str]",
        "codes": "training_codes",
        "modes": "[str]",
        "continuing": "bool",
        "generic": "bool",
        "summary": "str?",
        "sources": "sources",
    },
    "skills": {
        "id": "id",
        "name": "str",
        "category": "enum:skill_category",
        "aliases": "[str]",
        "summary": "str?",
        "sources": "sources",
    },
    "sectors": {
        "id": "id",
        "name": "str",
        "salary": "salary?",
        "growth_5y": "num?",
        "job_titles": "job_titles",
        "summary": "str?",
        "sources": "sources",
    },
    "market": {
        "id": "id",
        "label": "str",
        "value": "num",
        "unit": "str",
        "year": "int?",
        "horizon": "str?",
        "scope": "str?",
        "note": "str?",
        "sources": "sources",
    },
}
REQUIRED = {
    "careers": ("id", "title", "summary", "sources"),
    "trainings": ("id", "name", "kind", "sources"),
    "skills": ("id", "name", "category", "sources"),
    "sectors": ("id", "name", "sources"),
    "market": ("id", "label", "value", "unit", "sources"),
}
ENUMS = {"training_kind": TRAINING_KINDS, "skill_category": SKILL_CATEGORIES}
# YAML key -> model attribute, where they differ.
RENAMES = {"title": "name", "label": "name", "kind": "training_kind"}
KIND_LABELS = {cls.kind: cls.label for cls in RECORD_TYPES.values()}


# ---------------------------------------------------------------- locating the data


def shipped_data_dir() -> Path:
    """The data inside the installed package, or `data/` of a source checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "data"


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """`--data-dir`, else `$ESANTE_DATA_DIR`, else the shipped data."""
    chosen = data_dir if data_dir not in (None, "") else os.environ.get(ENV_DATA_DIR) or None
    if chosen is None:
        path = shipped_data_dir()
        if not path.is_dir():
            raise EsanteError("données intégrées introuvables : l'installation est incomplète", path=path)
        return path
    path = Path(chosen).expanduser()
    if not path.exists():
        raise EsanteError("dossier de données introuvable", path=path)
    if not path.is_dir():
        raise EsanteError("ce chemin est un fichier, pas un dossier de données", path=path)
    return path


def resolve_extra_dirs(extra_dirs: Iterable[str | Path] | str | Path | None = ()) -> list[Path]:
    """Overlay folders: those of `$ESANTE_EXTRA_DIRS` first, then each `--with`, in order.

    Both add up (an overlay adds to the data, it does not choose it). A folder named twice
    is read once, at its first place.
    """
    if isinstance(extra_dirs, (str, Path)):
        extra_dirs = [extra_dirs]
    names = [n for n in os.environ.get(ENV_EXTRA_DIRS, "").split(os.pathsep) if n.strip()]
    names += [str(d) for d in extra_dirs or () if d not in (None, "")]
    out: list[Path] = []
    for name in names:
        path = Path(name).expanduser()
        if not path.exists():
            raise EsanteError("dossier de données supplémentaire introuvable (--with ou ESANTE_EXTRA_DIRS)", path=path)
        if not path.is_dir():
            raise EsanteError("ce chemin est un fichier, pas un dossier de données (--with ou ESANTE_EXTRA_DIRS)", path=path)
        if path.resolve() not in {p.resolve() for p in out}:
            out.append(path)
    return out


def data_files(directory: Path) -> list[Path]:
    try:
        files = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    except OSError as exc:
        raise EsanteError(f"dossier illisible ({exc.strerror})", path=directory) from None
    if not files:
        raise EsanteError("aucun fichier .yaml dans ce dossier de données", path=directory)
    return files


# ---------------------------------------------------------------- reading YAML


def _yaml_loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is accepted), size-checked."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise EsanteError(
                f"fichier trop volumineux ({size / 1048576:.0f} Mo ; limite {MAX_FILE_BYTES // 1048576} Mo "
                "par fichier) : découpez-le en plusieurs fichiers .yaml",
                path=path,
            )
        raw = path.read_bytes()
    except PermissionError:
        raise EsanteError("lecture refusée (permissions)", path=path) from None
    except OSError as exc:
        raise EsanteError(f"fichier illisible ({exc.strerror})", path=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise EsanteError("le fichier n'est pas encodé en UTF-8", path=path, line=line) from None


def parse_yaml(text: str, path: Path) -> Any:
    """Safe-load YAML (no Python object tags); syntax errors become EsanteError with a line."""
    import yaml

    try:
        return yaml.load(text, Loader=_yaml_loader())  # noqa: S506 - a safe loader
    except yaml.constructor.ConstructorError as exc:
        tag = getattr(exc, "problem", "") or ""
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise EsanteError(
            f"balise YAML non autorisée ({_tag_of(tag)}) : seules les données simples sont acceptées",
            path=path,
            line=line,
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = _yaml_problem(exc)
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            problem = "tabulation interdite dans l'indentation (indentez avec des espaces)"
        raise EsanteError(f"YAML invalide : {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise EsanteError(f"YAML invalide : {exc}", path=path) from None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


def _tag_of(problem: str) -> str:
    match = re.search(r"tag '([^']*)'", problem)
    return match.group(1) if match else problem


_YAML_PROBLEMS = {
    "mapping values are not allowed here": "« : » inattendu (indentation incorrecte ?)",
    "found unexpected end of stream": "fin de fichier inattendue (guillemet non fermé ?)",
    "expected <block end>, but found '<block mapping start>'": "indentation incorrecte",
    "expected <block end>, but found '<block sequence start>'": "indentation incorrecte",
    "expected <block end>, but found '-'": "indentation incorrecte",
    "found duplicate anchor": "ancre YAML en double",
    "did not find expected '-' indicator": "indentation incorrecte (tiret « - » attendu)",
    "did not find expected key": "indentation incorrecte (clé attendue)",
    "could not find expected ':'": "« : » manquant après une clé",
    "found unexpected ':'": "« : » inattendu",
}


def _yaml_problem(exc: Any) -> str:
    problem = (exc.problem or "").strip()
    for english, french in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return french
    return problem or "syntaxe incorrecte"


# ---------------------------------------------------------------- validation


class _Pending:
    """A record read from a file, before reference checks (a plain class: no import-time cost)."""

    __slots__ = ("record", "path", "section", "index")

    def __init__(self, record: Record, path: Path, section: str, index: int) -> None:
        self.record, self.path, self.section, self.index = record, path, section, index


class _Problems:
    """Problems found while checking; lines are looked up only for files that have problems."""

    def __init__(self) -> None:
        self.items: list[tuple[Path, str | None, int | None, str | None, str, int | None]] = []
        # files that parsed: their text is read again, only if they have problems, to find lines
        # (keeping every text would hold the whole data set in memory twice on the common path)
        self.parsed: set[Path] = set()
        # ids of records rejected for other reasons: references to them are not reported again
        self.rejected_ids: set[str] = set()

    def add(
        self,
        path: Path,
        message: str,
        section: str | None = None,
        index: int | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.items.append((path, section, index, field, message, line))

    def __bool__(self) -> bool:
        return bool(self.items)

    def errors(self) -> list[EsanteError]:
        locators: dict[Path, Callable[..., int | None]] = {}
        out = []
        for path, section, index, field, message, line in self.items:
            if line is None and section is not None and path in self.parsed:
                if path not in locators:
                    locators[path] = _locator(_text_or_empty(path))
                line = locators[path](section, index, field)
            out.append(EsanteError(message, path=path, line=line, field=field))
        return out


def _text_or_empty(path: Path) -> str:
    try:
        return read_text(path)
    except EsanteError:  # gone or changed since it was checked: no line numbers then
        return ""


def _locator(text: str) -> Callable[[str, int | None, str | None], int | None]:
    """Map (section, record index, field) to a 1-based line, by composing the YAML once."""
    import yaml

    try:
        root = yaml.compose(text, Loader=_yaml_loader())
    except yaml.YAMLError:
        root = None

    def child(node: Any, key: str) -> tuple[Any, Any] | None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == key:
                    return k, v
        return None

    def locate(section: str, index: int | None, field: str | None) -> int | None:
        if root is None:
            return None
        found = child(root, section)
        if found is None:
            return root.start_mark.line + 1
        key, node = found
        if index is None or not isinstance(node, yaml.SequenceNode) or index >= len(node.value):
            return key.start_mark.line + 1
        item = node.value[index]
        top = (field or "").split(".")[0].split("[")[0]
        hit = child(item, top) if top else None
        return (hit[0] if hit else item).start_mark.line + 1

    return locate


def _check_text(value: Any, what: str = "texte") -> str | None:
    """Error message for a bad text value, or None."""
    if not isinstance(value, str):
        return f"{what} attendu, trouvé {_type_name(value)}"
    if len(value) > MAX_TEXT_CHARS:
        return f"texte trop long ({len(value)} caractères ; limite {MAX_TEXT_CHARS})"
    bad = _FORBIDDEN_RE.search(value)
    if bad:
        return f"caractère de contrôle interdit (U+{ord(bad.group()):04X})"
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


def _type_name(value: Any) -> str:
    return {
        type(None): "une valeur vide",
        bool: "un booléen",
        int: "un nombre",
        float: "un nombre",
        str: "un texte",
        list: "une liste",
        dict: "un dictionnaire",
    }.get(type(value), type(value).__name__)


def _is_number(value: Any) -> bool:
    """A finite int or float (YAML's .nan and .inf are not figures)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


class _Checker:
    """Turns one raw record into model values, reporting problems field by field."""

    def __init__(self, problems: _Problems, path: Path, section: str, index: int) -> None:
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
            self.fail(field, f"liste attendue, trouvé {_type_name(value)}")
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
                self.fail(field, f"true ou false attendu, trouvé {_type_name(value)}")
                return False
            return value
        if spec in ("num", "num?"):
            if value is None and spec == "num?":
                return None
            if not _is_number(value):
                found = "NaN ou infini" if isinstance(value, float) else _type_name(value)
                self.fail(field, f"nombre attendu, trouvé {found}")
                return None
            return value
        if spec == "int?":
            if value is None:
                return None
            if not isinstance(value, int) or isinstance(value, bool):
                self.fail(field, f"nombre entier attendu, trouvé {_type_name(value)}")
                return None
            return value
        if spec == "level?":
            if value is None:
                return None
            if not is_level(value):
                self.fail(field, f"niveau inconnu « {value} » ; niveaux valides : {', '.join(LEVELS)}")
                return None
            return value
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
        if spec == "career_codes":
            codes = self.mapping(field, value, {"rome": "[str]", "onisep": "str?"})
            return codes
        if spec == "training_codes":
            return self.mapping(field, value, {"onisep": "str?"})
        if spec == "job_titles":
            return self.job_titles(field, value)
        raise AssertionError(f"unknown spec {spec}")  # pragma: no cover - a bug in SPECS

    def mapping(self, field: str, value: Any, spec: dict[str, str]) -> dict[str, Any]:
        if value is None:
            return {k: self.value(f"{field}.{k}", s, None) for k, s in spec.items()}
        if not isinstance(value, dict):
            self.fail(field, f"dictionnaire attendu, trouvé {_type_name(value)}")
            return {k: self.value(f"{field}.{k}", s, None) for k, s in spec.items()}
        for key in value:
            if key not in spec:
                self.fail(f"{field}.{key}", _unknown_key(key, spec))
        return {k: self.value(f"{field}.{k}", s, value.get(k)) for k, s in spec.items()}

    def salary(self, field: str, value: Any) -> Salary | None:
        parts = self.mapping(field, value, {"min": "num?", "max": "num?", "basis": "str", "note": "str?"})
        if not isinstance(value, dict):
            return None
        lo, hi, basis = parts["min"], parts["max"], parts["basis"]
        ok = True
        if basis is not None and basis not in SALARY_BASES:
            self.fail(f"{field}.basis", f"base inconnue « {basis} » ; valeurs possibles : {', '.join(SALARY_BASES)}")
            ok = False
        if value.get("min") is None and value.get("max") is None:
            self.fail(field, "un salaire doit avoir au moins un minimum ou un maximum (sinon, mettez salary: null)")
            ok = False
        for name, amount in (("min", lo), ("max", hi)):
            if amount is not None and amount <= 0:
                self.fail(f"{field}.{name}", "montant négatif ou nul")
                ok = False
        if lo is not None and hi is not None and lo > hi:
            self.fail(field, f"minimum ({lo}) supérieur au maximum ({hi})")
            ok = False
        if not ok or basis is None:
            return None
        return Salary(lo, hi, basis, parts["note"])

    def duration(self, field: str, value: Any) -> Duration | None:
        parts = self.mapping(field, value, {"value": "num", "unit": "str"})
        if not isinstance(value, dict):
            return None
        amount, unit = parts["value"], parts["unit"]
        ok = amount is not None and unit is not None
        if amount is not None and amount <= 0:
            self.fail(f"{field}.value", "durée négative ou nulle")
            ok = False
        if unit is not None and unit not in DURATION_UNITS:
            self.fail(f"{field}.unit", f"unité inconnue « {unit} » ; valeurs possibles : {', '.join(DURATION_UNITS)}")
            ok = False
        return Duration(amount, unit) if ok else None

    def job_titles(self, field: str, value: Any) -> tuple[JobTitle, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(field, f"liste attendue, trouvé {_type_name(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            parts = self.mapping(f"{field}[{i}]", item, {"title": "str", "career": "str?"})
            if isinstance(item, dict) and parts["title"] is not None:
                out.append(JobTitle(parts["title"], parts["career"]))
        return tuple(out)


def _unknown_key(key: Any, valid: dict[str, str] | tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(str(key), list(valid), n=1, cutoff=0.6)
    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else f" ; champs valides : {', '.join(valid)}"
    return f"champ inconnu « {key} »{hint}"


# What an absent (null) optional field becomes, without going through _Checker.value.
_ABSENT: dict[str, Any] = {
    "str?": None,
    "[str]": (),
    "bool": False,
    "num?": None,
    "int?": None,
    "level?": None,
    "salary?": None,
    "duration?": None,
    "job_titles": (),
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
        plan.append((key, spec, RENAMES.get(key, key), key in required, absent, direct))
    return plan


_PLANS = {section: _plan(section) for section in SPECS}


def _check_record(problems: _Problems, path: Path, section: str, index: int, raw: Any) -> Record | None:
    checker = _Checker(problems, path, section, index)
    if not isinstance(raw, dict):
        checker.fail(f"{section}[{index}]", f"chaque enregistrement doit être un dictionnaire, trouvé {_type_name(raw)}")
        return None
    spec = SPECS[section]
    for key in raw:
        if key not in spec:
            checker.fail(str(key), _unknown_key(key, spec))
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
        if key == "codes":
            kwargs.update(value)
        else:
            kwargs[attr] = value
    if not checker.ok:
        return None
    return RECORD_TYPES[section](**kwargs)


def _check_levels(item: _Pending, problems: _Problems) -> None:
    record = item.record
    entry, exit_ = getattr(record, "entry_level", None), getattr(record, "exit_level", None)
    if entry and exit_ and level_rank(exit_) < level_rank(entry):
        problems.add(item.path, f"niveau de sortie ({exit_}) inférieur au niveau d'entrée ({entry})", item.section, item.index, "exit_level")


def _find_cycle(graph: dict[str, tuple[str, ...]]) -> list[str] | None:
    """One cycle in a directed graph, as a path that ends where it starts, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    color = dict.fromkeys(graph, WHITE)
    for start in graph:
        if color[start] != WHITE:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        color[start] = GREY
        while stack:
            node, i = stack[-1]
            targets = graph.get(node, ())
            if i < len(targets):
                stack[-1] = (node, i + 1)
                nxt = targets[i]
                if nxt not in color:
                    continue
                if color[nxt] == GREY:
                    path = [n for n, _ in stack]
                    return path[path.index(nxt):] + [nxt]
                if color[nxt] == WHITE:
                    color[nxt] = GREY
                    stack.append((nxt, 0))
            else:
                color[node] = BLACK
                stack.pop()
    return None


_REF_FIELDS = {
    "skills": "skill",
    "sectors": "sector",
    "evolutions": "career",
    "related": "career",
    "trainings": "training",
    "leads_to": "training",
    "careers": "career",
}


def _check_references(pending: list[_Pending], problems: _Problems) -> None:
    by_id = {p.record.id: p for p in pending}
    for item in pending:
        record = item.record
        for attr, kind in _REF_FIELDS.items():
            for ref in getattr(record, attr, ()) or ():
                _check_ref(by_id, item, attr, ref, kind, problems)
        for i, job in enumerate(getattr(record, "job_titles", ()) or ()):
            if job.career:
                _check_ref(by_id, item, f"job_titles[{i}].career", job.career, "career", problems)
        for ref in getattr(record, "leads_to", ()) or ():
            target = by_id.get(ref)
            exit_ = getattr(record, "exit_level", None)
            entry = getattr(target.record, "entry_level", None) if target else None
            if exit_ and entry and level_rank(entry) < level_rank(exit_):
                problems.add(
                    item.path,
                    f"« {ref} » commence à {entry}, avant la sortie de cette formation ({exit_}) : les niveaux doivent monter",
                    item.section,
                    item.index,
                    "leads_to",
                )
    for attr, label in (("evolutions", "évolutions de métier"), ("leads_to", "enchaînements de formations")):
        graph = {p.record.id: tuple(getattr(p.record, attr)) for p in pending if hasattr(p.record, attr)}
        cycle = _find_cycle(graph)
        if cycle:
            first = by_id[cycle[0]]
            problems.add(first.path, f"cycle dans les {label} : {' → '.join(cycle)}", first.section, first.index, attr)


def _check_ref(by_id: dict[str, _Pending], item: _Pending, field: str, ref: str, kind: str, problems: _Problems) -> None:
    target = by_id.get(ref)
    if target is None and ref in problems.rejected_ids:
        return
    if target is None:
        import difflib

        close = difflib.get_close_matches(ref, list(by_id), n=1, cutoff=0.75)
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        problems.add(item.path, f"référence inconnue « {ref} » ({KIND_LABELS[kind]} attendu){hint}", item.section, item.index, field)
    elif target.record.kind != kind:
        problems.add(
            item.path,
            f"« {ref} » est un(e) {target.record.label}, pas un(e) {KIND_LABELS[kind]}",
            item.section,
            item.index,
            field,
        )


def _read_file(path: Path, problems: _Problems, pending: list[_Pending]) -> bool:
    """Check one file's records into `pending`; False when the file could not be read at all."""
    try:
        text = read_text(path)
        data = parse_yaml(text, path)
    except EsanteError as exc:
        problems.add(path, exc.message, line=exc.line)
        return False
    problems.parsed.add(path)
    del text
    if data is None:
        problems.add(path, "fichier vide : attendu un dictionnaire (careers:, trainings:, skills:, sectors:, market:)")
        return False
    if not isinstance(data, dict):
        problems.add(path, f"le fichier doit contenir un dictionnaire (careers:, trainings:, …), trouvé {_type_name(data)}", line=1)
        return False
    for section, items in data.items():
        if section not in SPECS:
            problems.add(path, _unknown_key(section, tuple(SPECS)).replace("champ", "section"), section=str(section))
            continue
        if items is None:
            continue
        if not isinstance(items, list):
            problems.add(path, f"la section « {section} » doit être une liste d'enregistrements, trouvé {_type_name(items)}", section=section)
            continue
        for index, raw in enumerate(items):
            record = _check_record(problems, path, section, index, raw)
            if record is not None:
                pending.append(_Pending(record, path, section, index))
            elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
                problems.rejected_ids.add(raw["id"])
    return True


class Override(Frozen):
    """An overlay record that replaced a record of the same id."""

    __slots__ = ("id", "kind", "path", "replaces")
    id: str
    kind: str
    path: Path  # the overlay file that holds the new record
    replaces: Path  # the file of the record it replaced

    def __init__(self, id: str, kind: str, path: Path, replaces: Path) -> None:  # noqa: A002
        _set = object.__setattr__
        _set(self, "id", id)
        _set(self, "kind", kind)
        _set(self, "path", path)
        _set(self, "replaces", replaces)


class CheckResult(tuple):
    """`(catalog, problems)` as before, plus `.overrides` and `.directories` (base, then overlays)."""

    catalog: Catalog
    problems: list[EsanteError]
    overrides: list[Override]
    directories: list[Path]

    def __new__(cls, catalog: Catalog, problems: list[EsanteError], overrides: list[Override], directories: list[Path]) -> "CheckResult":
        self = super().__new__(cls, (catalog, problems))
        self.catalog, self.problems, self.overrides, self.directories = catalog, problems, overrides, directories
        return self


def _unique(pending: list[_Pending], problems: _Problems) -> list[_Pending]:
    """One folder's records, each id once: a second definition in the same folder is a problem."""
    seen: dict[str, _Pending] = {}
    unique: list[_Pending] = []
    for item in pending:
        first = seen.get(item.record.id)
        if first is not None:
            where = first.path.name if first.path != item.path else "ce fichier"
            problems.add(item.path, f"identifiant « {item.record.id} » en double (déjà défini dans {where})", item.section, item.index, "id")
            continue
        seen[item.record.id] = item
        unique.append(item)
    return unique


def _overlay(merged: dict[str, _Pending], item: _Pending, problems: _Problems, overrides: list[Override]) -> None:
    """Add an overlay record, or let it replace the record of the same id and kind."""
    old = merged.get(item.record.id)
    if old is None:
        merged[item.record.id] = item
    elif old.record.kind != item.record.kind:
        problems.add(
            item.path,
            f"« {item.record.id} » est déjà un(e) {old.record.label} (dans {old.path}) : "
            f"un enregistrement ne peut être remplacé que par un(e) {old.record.label}",
            item.section,
            item.index,
            "id",
        )
    else:
        merged[item.record.id] = item  # keeps the replaced record's place in the catalogue
        overrides.append(Override(item.record.id, item.record.kind, item.path, old.path))


def _folders(data_dir: str | Path | None, extra_dirs: Iterable[str | Path] | None) -> tuple[Path, list[Path]]:
    """The base data folder and the overlay folders, each once."""
    directory = resolve_data_dir(data_dir)
    return directory, [d for d in resolve_extra_dirs(extra_dirs) if d.resolve() != directory.resolve()]


def check(data_dir: str | Path | None = None, extra_dirs: Iterable[str | Path] | None = ()) -> CheckResult:
    """Read and validate a data folder and its overlays; return what is valid and every problem.

    The base folder is read first, then each overlay (`extra_dirs`, after `$ESANTE_EXTRA_DIRS`)
    in order. Every folder is validated on its own (fields, levels, ids unique within it); an
    overlay record whose id already exists replaces that record (same kind required), other
    records are added. References and cycles are checked on the merged catalogue, so overlays
    may refer to shipped ids. Unpacks as `(catalog, problems)`; see CheckResult for the rest.
    """
    # Parsing creates millions of small containers and no reference cycle worth collecting:
    # the cyclic garbage collector would rescan them again and again (40 to 65 % of the parse
    # time, measured on 6 to 55 MB of YAML).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check(*_folders(data_dir, extra_dirs))
    finally:
        if was_enabled:
            gc.enable()


def _check(directory: Path, overlays: list[Path]) -> CheckResult:
    problems = _Problems()
    merged: dict[str, _Pending] = {}
    overrides: list[Override] = []
    all_read = True
    for layer, folder in enumerate([directory, *overlays]):
        pending: list[_Pending] = []
        for path in data_files(folder):
            all_read = _read_file(path, problems, pending) and all_read
        for item in _unique(pending, problems):
            _check_levels(item, problems)
            if layer == 0:
                merged[item.record.id] = item
            else:
                _overlay(merged, item, problems, overrides)
    unique = list(merged.values())
    if all_read:  # references into an unreadable file would only repeat its problem
        _check_references(unique, problems)
    catalog = Catalog({p.record.id: p.record for p in unique})
    if not problems and not catalog.careers:
        problems.add(directory, "aucun métier dans ce dossier de données (section « careers » absente ou vide)")
    return CheckResult(catalog, problems.errors(), overrides, [directory, *overlays])


def load(data_dir: str | Path | None = None, extra_dirs: Iterable[str | Path] | None = ()) -> Catalog:
    """The validated catalogue (base data plus overlays), or EsanteError naming the first problem.

    A valid catalogue is cached (see cache.py), keyed on every data file of the base folder and
    of the overlays: later runs skip YAML and validation until one of those files changes.
    """
    from esante_cli import cache

    directory, overlays = _folders(data_dir, extra_dirs)
    files = [path for folder in (directory, *overlays) for path in data_files(folder)]
    return cache.load(files, lambda: _valid(directory, overlays))


def _valid(directory: Path, overlays: list[Path]) -> Catalog:
    catalog, errors = check(directory, overlays)
    if errors:
        first = errors[0]
        if len(errors) > 1:
            first.message += f" (et {len(errors) - 1} autre(s) problème(s) : lancez « esante validate »)"
        raise first
    return catalog


__all__ = ["check", "load", "CheckResult", "Override", "resolve_data_dir", "resolve_extra_dirs", "shipped_data_dir", "EsanteError", "ExitCode", "KIND_BY_NAME"]
