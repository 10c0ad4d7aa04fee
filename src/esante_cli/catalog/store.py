"""Find, read and validate the YAML data: the only module that touches data files.

Loading is two-speed. The normal path reads each file record by record (yamlfile.stream, over
libyaml's C parser when present) and checks every record against the schema as it comes
(schema.py, then integrity.py for what spans records), without tracking line numbers.
Only when something is wrong is the file read a second time, with node marks, to give each
problem its line (walked record by record, composing only the records that have problems):
errors are rare, so the common path pays nothing for them.
"""

from __future__ import annotations

import gc
import os
import stat
from pathlib import Path
from typing import Any, Callable, Iterable

from esante_cli.errors import EsanteError, ExitCode, reason
from esante_cli.catalog.integrity import check_levels, check_references, check_sources
from esante_cli.catalog.models import KIND_BY_NAME, Catalog, Frozen
from esante_cli.catalog.schema import SPECS, Pending, check_record, key_name, type_name, unknown_key
from esante_cli.wording import count

ENV_DATA_DIR = "ESANTE_DATA_DIR"
ENV_EXTRA_DIRS = "ESANTE_EXTRA_DIRS"  # overlay folders, os.pathsep-separated
MAX_FILE_BYTES = 20 * 1024 * 1024  # a data file larger than this is refused, not parsed
MAX_PROBLEMS = 200  # `validate` stops listing after this many

# ---------------------------------------------------------------- locating the data


def shipped_data_dir() -> Path:
    """The data inside the installed package, or `data/` of a source checkout."""
    package = Path(__file__).resolve().parent.parent  # esante_cli/
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "data"


def _not_empty(name: str | Path, option: str) -> None:
    if isinstance(name, str) and not name.strip():
        raise EsanteError(f"{option} vide : indiquez un dossier (« . » pour le dossier courant)", code=ExitCode.USAGE)


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """`--data-dir`, else `$ESANTE_DATA_DIR` (empty means unset), else the shipped data.

    An explicitly empty `--data-dir ''` is a usage error, not the current folder.
    """
    if data_dir is not None:
        _not_empty(data_dir, "--data-dir")
    chosen = data_dir if data_dir is not None else os.environ.get(ENV_DATA_DIR) or None
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
    is read once, at its last place: the folder named last wins, as docs/own-data.md says (with
    ESANTE_EXTRA_DIRS=O1 and `--with O2 --with O1`, O1 is applied after O2).
    """
    if isinstance(extra_dirs, (str, Path)):
        extra_dirs = [extra_dirs]
    names = [n for n in os.environ.get(ENV_EXTRA_DIRS, "").split(os.pathsep) if n.strip()]
    for name in extra_dirs or ():
        _not_empty(name, "--with")
    names += [str(d) for d in extra_dirs or () if d is not None]
    last: dict[Path, Path] = {}  # resolved folder -> the name given last, in the order of last mentions
    for name in names:
        path = Path(name).expanduser()
        if not path.exists():
            raise EsanteError("dossier de données supplémentaire introuvable (--with ou ESANTE_EXTRA_DIRS)", path=path)
        if not path.is_dir():
            raise EsanteError("ce chemin est un fichier, pas un dossier de données (--with ou ESANTE_EXTRA_DIRS)", path=path)
        key = path.resolve()
        last.pop(key, None)
        last[key] = path
    return list(last.values())


def data_files(directory: Path) -> list[Path]:
    """Every entry named *.yaml or *.yml, in any case (`careers.YAML` is read, like `careers.yaml`).

    Entries that are not regular files (a directory, a dangling symlink, a FIFO…) are listed
    too: reading them is a problem naming the entry (read_text), never a silent skip.
    """
    try:
        files = sorted(p for p in directory.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
    except PermissionError:
        raise EsanteError("dossier de données illisible (permissions)", path=directory) from None
    except OSError as exc:
        raise EsanteError(f"dossier illisible ({reason(exc)})", path=directory) from None
    if not files:
        raise EsanteError("aucun fichier .yaml dans ce dossier de données", path=directory)
    return files


# ---------------------------------------------------------------- reading YAML


def _yaml_loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _not_a_file(path: Path, mode: int | None) -> EsanteError:
    """The problem with an entry named like a data file that is not a regular file."""
    if mode is None:
        what = "lien symbolique cassé (sa cible n'existe pas)" if path.is_symlink() else "entrée disparue pendant la lecture"
    elif stat.S_ISDIR(mode):
        what = "c'est un dossier, pas un fichier de données"
    elif stat.S_ISFIFO(mode):
        what = "c'est un tube nommé (FIFO), pas un fichier de données : il n'est pas lu"
    elif stat.S_ISSOCK(mode):
        what = "c'est une socket, pas un fichier de données"
    else:
        what = "ce n'est pas un fichier ordinaire (périphérique ?)"
    return EsanteError(f"{what} ; renommez-le ou retirez-le du dossier", path=path)


_parsed: dict[str, bytes] | None = None  # digests of the files read, while load() builds


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is accepted), size-checked.

    Only a regular file is opened (checked with stat first, so that a FIFO is never opened and
    cannot hang the run, then again on the open descriptor in case the entry changed).
    """
    try:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise _not_a_file(path, None) from None
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(path, info.st_mode)
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise EsanteError(
                f"fichier trop volumineux ({size / 1048576:.0f} Mo ; limite {MAX_FILE_BYTES // 1048576} Mo "
                "par fichier) : découpez-le en plusieurs fichiers .yaml",
                path=path,
            )
        raw = _read_regular(path)
        if _parsed is not None:  # load() keys the cache on the bytes parsed (engine.parsed_key)
            from esante_cli.catalog.cachekey import file_digest

            _parsed[os.path.abspath(path)] = file_digest(raw)
    except PermissionError:
        raise EsanteError("lecture refusée (permissions)", path=path) from None
    except OSError as exc:
        raise EsanteError(f"fichier illisible ({reason(exc)})", path=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise EsanteError("le fichier n'est pas encodé en UTF-8", path=path, line=line) from None


def _read_regular(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(path, mode)
        return fh.read(MAX_FILE_BYTES + 1)


# ---------------------------------------------------------------- validation


class Problems:
    """Problems found while checking; lines are looked up only for files that have problems."""

    def __init__(self) -> None:
        self.items: list[tuple[Path, str | None, int | None, str | None, str, int | None]] = []
        # files that parsed: their text is read again, only if they have problems, to find lines
        # (keeping every text would hold the whole data set in memory twice on the common path)
        self.parsed: set[Path] = set()
        # ids of records rejected for other reasons: references to them are not reported again
        self.rejected_ids: set[str] = set()
        self.rejected_sources: set[str] = set()  # the same for registry entries

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
        queries: dict[Path, dict[Query, None]] = {}  # per file, in the order problems name them
        for path, section, index, field, _, line in self.items:
            if line is None and section is not None and path in self.parsed:
                queries.setdefault(path, {})[(section, index, field)] = None
        lines = {path: _lines(_text_or_empty(path), list(asked)) for path, asked in queries.items()}
        out = []
        for path, section, index, field, message, line in self.items:
            if line is None and section is not None and path in self.parsed:
                line = lines[path][(section, index, field)]
            out.append(EsanteError(message, path=path, line=line, field=field))
        return out


Query = tuple[str, int | None, str | None]  # (section, record index, field) of a problem


def _text_or_empty(path: Path) -> str:
    try:
        return read_text(path)
    except EsanteError:  # gone or changed since it was checked: no line numbers then
        return ""


def _lines(text: str, queries: list[Query]) -> dict[Query, int | None]:
    """The 1-based line of each (section, record index, field), as `_composed_locator` finds
    it, in the memory of one record: the file is walked record by record (yamlfile.outline) and
    only the records that queries name are composed. A file `outline` does not walk is
    composed whole (`_composed_locator`)."""
    from esante_cli.catalog import yamlfile

    records: dict[tuple[str, int], list[str | None]] = {}
    for section, index, field in queries:
        if index is not None:
            records.setdefault((section, index), []).append(field)
    found: dict[Query, int] = {}

    def record(section: str, index: int, item: Any) -> None:
        for field in records[(section, index)]:
            found[(section, index, field)] = _item_line(item, field)

    shape = yamlfile.outline(text, records, record)
    if shape is None:
        locate = _composed_locator(text)
        return {query: locate(*query) for query in queries}
    out: dict[Query, int | None] = {}
    for query in queries:
        section, index, _ = query
        known = shape.sections.get(section) if isinstance(section, str) else None
        if known is None:
            out[query] = shape.root
        elif index is None or known[1] is None or index >= known[1]:
            out[query] = known[0]
        else:
            out[query] = found[query]
    return out


def _child(node: Any, key: str) -> tuple[Any, Any] | None:
    """The first (key node, value node) of a mapping node whose key is `key`."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return k, v
    return None


def _item_line(item: Any, field: str | None) -> int:
    """The line of `field` (`name`, `salary.min`, `skills[2]`…) in a record's node, else of the record."""
    import yaml

    head = (field or "").split(".")[0]
    top = head.split("[")[0]
    hit = _child(item, top) if top else None
    if hit is None:
        return item.start_mark.line + 1
    position = head[len(top) + 1 : -1] if head.endswith("]") else ""
    if position.isdigit() and isinstance(hit[1], yaml.SequenceNode) and int(position) < len(hit[1].value):
        return hit[1].value[int(position)].start_mark.line + 1  # the list item itself
    return hit[0].start_mark.line + 1


def _composed_locator(text: str) -> Callable[[str, int | None, str | None], int | None]:
    """Map (section, record index, field) to a 1-based line, by composing the whole YAML once
    (the node tree of a 15 MB file takes about 350 MB: only for files `_lines` cannot walk)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=_yaml_loader())
    except yaml.YAMLError:
        root = None

    def locate(section: str, index: int | None, field: str | None) -> int | None:
        if root is None:
            return None
        found = _child(root, section)
        if found is None:
            return root.start_mark.line + 1
        key, node = found
        if index is None or not isinstance(node, yaml.SequenceNode) or index >= len(node.value):
            return key.start_mark.line + 1
        return _item_line(node.value[index], field)

    return locate


def _read_file(path: Path, problems: Problems, pending: list[Pending], sources: list[Pending]) -> bool:
    """Check one file's records into `pending` (registry entries into `sources`); False when the
    file could not be read at all.

    The file is read record by record (yamlfile.stream): each record is checked as soon as it is
    constructed and only its model is kept. A file with a YAML problem is rejected as a whole, so
    what its records gave is kept aside (`mine`) until the end of the file.
    """
    from esante_cli.catalog import yamlfile

    try:
        text = read_text(path)
    except EsanteError as exc:
        problems.add(path, exc.message, line=exc.line)
        return False
    mine = _FileChecks()
    try:
        for item in yamlfile.stream(text, path):
            if item[0] == "item":
                mine.record(path, item[1], item[2])
            elif item[0] == "section":
                mine.section(path, item[1], item[2])
            elif item[0] == "restart":
                mine = _FileChecks()
            else:  # "document": not a mapping
                mine.document(path, item[1])
    except EsanteError as exc:
        for error in getattr(exc, "errors", [exc]):
            problems.add(path, error.message, line=error.line)
        return False
    del text
    problems.parsed.add(path)
    problems.items += mine.problems.items
    problems.rejected_ids |= mine.problems.rejected_ids
    problems.rejected_sources |= mine.problems.rejected_sources
    pending += mine.pending
    sources += mine.sources
    return mine.readable


class _FileChecks:
    """What one file's records gave, in file order (see _read_file)."""

    def __init__(self) -> None:
        self.problems = Problems()
        self.pending: list[Pending] = []
        self.sources: list[Pending] = []
        self.current: str | None = None  # the section whose items are being read, if it is known
        self.readable = True

    def document(self, path: Path, data: Any) -> None:
        if data is None:
            self.problems.add(path, "fichier vide : attendu un dictionnaire (careers:, trainings:, skills:, sectors:, market:, sources:)")
        else:
            self.problems.add(path, f"le fichier doit contenir un dictionnaire (careers:, trainings:, …), trouvé {type_name(data)}", line=1)
        self.readable = False

    def section(self, path: Path, section: Any, items: Any) -> None:
        from esante_cli.catalog.yamlfile import LIST

        self.current = None
        if section not in SPECS:
            self.problems.add(path, unknown_key(section, tuple(SPECS), noun="section"), section=key_name(section))
        elif items is LIST:
            self.current = section
        elif items is not None:
            self.problems.add(path, f"la section « {section} » doit être une liste d'enregistrements, trouvé {type_name(items)}", section=section)

    def record(self, path: Path, index: int, raw: Any) -> None:
        section = self.current
        if section is None:
            return
        record = check_record(self.problems, path, section, index, raw)
        if record is not None:
            (self.sources if section == "sources" else self.pending).append(Pending(record, path, section, index))  # type: ignore[arg-type]
        elif isinstance(raw, dict) and isinstance(raw.get("id"), str):
            (self.problems.rejected_sources if section == "sources" else self.problems.rejected_ids).add(raw["id"])


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


def _unique(pending: list[Pending], problems: Problems, what: str = "identifiant") -> list[Pending]:
    """One folder's records, each id once: a second definition in the same folder is a problem."""
    seen: dict[str, Pending] = {}
    unique: list[Pending] = []
    for item in pending:
        first = seen.get(item.record.id)
        if first is not None:
            where = first.path.name if first.path != item.path else "ce fichier"
            defined = "définie" if what == "source" else "défini"
            problems.add(item.path, f"{what} « {item.record.id} » en double (déjà {defined} dans {where})", item.section, item.index, "id")
            continue
        seen[item.record.id] = item
        unique.append(item)
    return unique


def _overlay(merged: dict[str, Pending], item: Pending, problems: Problems, overrides: list[Override]) -> None:
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


def check(
    data_dir: str | Path | None = None, extra_dirs: Iterable[str | Path] | None = (), environment: bool = True
) -> CheckResult:
    """Read and validate a data folder and its overlays; return what is valid and every problem.

    The base folder is read first, then each overlay (`extra_dirs`, after `$ESANTE_EXTRA_DIRS`)
    in order. Every folder is validated on its own (fields, levels, ids unique within it); an
    overlay record whose id already exists replaces that record (same kind required), other
    records are added. References and cycles are checked on the merged catalogue, so overlays
    may refer to shipped ids. Unpacks as `(catalog, problems)`; see CheckResult for the rest.
    `environment=False` reads exactly these folders, not those of $ESANTE_EXTRA_DIRS (an import
    checks its new folder against the base data alone).
    """
    # Parsing creates millions of small containers and no reference cycle worth collecting:
    # the cyclic garbage collector would rescan them again and again (40 to 65 % of the parse
    # time, measured on 6 to 55 MB of YAML).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        if environment:
            return _check(*_folders(data_dir, extra_dirs))
        return _check(resolve_data_dir(data_dir), [Path(d) for d in extra_dirs or ()])
    finally:
        if was_enabled:
            gc.enable()


def _check(directory: Path, overlays: list[Path]) -> CheckResult:
    problems = Problems()
    merged: dict[str, Pending] = {}
    registry: dict[str, Pending] = {}  # sources by id: an overlay's entry replaces the same id
    overrides: list[Override] = []
    all_read = True
    for layer, folder in enumerate([directory, *overlays]):
        pending: list[Pending] = []
        sources: list[Pending] = []
        for path in data_files(folder):
            all_read = _read_file(path, problems, pending, sources) and all_read
        for item in _unique(sources, problems, "source"):
            registry[item.record.id] = item
        for item in _unique(pending, problems):
            check_levels(item, problems)
            if layer == 0:
                merged[item.record.id] = item
            else:
                _overlay(merged, item, problems, overrides)
    unique = list(merged.values())
    if all_read:  # references into an unreadable file would only repeat its problem
        check_references(unique, problems)
        check_sources(unique, registry, problems)
    catalog = Catalog({p.record.id: p.record for p in unique}, tuple(p.record for p in registry.values()))  # type: ignore[misc]
    if not problems and not catalog.careers:
        problems.add(directory, "aucun métier dans ce dossier de données (section « careers » absente ou vide)")
    return CheckResult(catalog, problems.errors(), overrides, [directory, *overlays])


def load(
    data_dir: str | Path | None = None,
    extra_dirs: Iterable[str | Path] | None = (),
    cache_dir: Path | None = None,
    note: Callable[[str], None] | None = None,
) -> Catalog:
    """The validated catalogue (base data plus overlays), or EsanteError naming the first problem.

    With a `cache_dir`, the catalogue is kept in a database (engine.py) keyed on the bytes of
    every data file of the base folder and of the overlays: later runs skip YAML and validation
    until one of those files changes. The shipped data may come with its database built at
    install (prebuilt_dir). Without one (the default), it is read from YAML every time.
    `note`: where the engine tells why a cache could not be used (the CLI's --debug).
    """
    directory, overlays = _folders(data_dir, extra_dirs)
    if cache_dir is None:
        return _valid(directory, overlays)
    from esante_cli.catalog import engine

    folders = [data_files(folder) for folder in (directory, *overlays)]
    if not all(_is_regular(path) for files in folders for path in files):
        return _valid(directory, overlays)  # reports the entry; the engine would hash (open) it
    prebuilt = prebuilt_dir() if not overlays and _same(directory, shipped_data_dir()) else None
    digests: dict[str, bytes] = {}

    def build() -> Catalog:
        global _parsed
        _parsed = digests
        try:
            return _valid(directory, overlays)
        finally:
            _parsed = None

    return engine.load(folders, build, cache_dir, prebuilt, note or (lambda _: None), parsed=lambda: digests)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def prebuilt_dir() -> Path:
    """Where an installed package keeps the database of its shipped data (hatch_build.py)."""
    return Path(__file__).resolve().parent.parent / "prebuilt"


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _valid(directory: Path, overlays: list[Path]) -> Catalog:
    catalog, errors = check(directory, overlays)
    if errors:
        first = errors[0]
        if len(errors) > 1:
            first.message += f" (et {count(len(errors) - 1, 'autre problème')} : lancez « esante validate »)"
        raise first
    return catalog


__all__ = ["check", "load", "CheckResult", "Override", "resolve_data_dir", "resolve_extra_dirs", "shipped_data_dir", "EsanteError", "ExitCode", "KIND_BY_NAME"]
