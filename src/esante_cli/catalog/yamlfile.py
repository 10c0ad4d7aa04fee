"""YAML text to plain Python data, every problem in French with its line (used by store.py).

PyYAML's safe loader (libyaml's C parser when present) with four guards the stock one lacks:
- a key twice in the same mapping, at any depth, is a problem (PyYAML keeps the last one
  silently: a second `careers:` would drop the first section);
- a scalar the constructors reject (`2024-02-30`, `!!int abc`, `!!float nope`, `!!bool maybe`,
  an integer over Python's 4,300-digit limit) is a problem at its line instead of a ValueError;
  loading goes on, so every such scalar of the file is listed;
- aliases may not blow the document up: the nodes they add, counted after expansion, are
  bounded (MAX_ALIAS_NODES), and a recursive alias is refused; an `aliases: [*L, *L, …]`
  file is refused in milliseconds instead of costing minutes and gigabytes downstream;
- libyaml's and PyYAML's English messages are translated, with their line.

A file with any of these problems is rejected as a whole (its data is not validated further);
`YamlErrors.errors` lists them all.

`parse` reads a whole document; `stream` hands a data file's records on one by one (composed
with PyYAML's own Composer methods over the parser's events, one record's nodes at a time) and
leaves every file it does not read cleanly to `parse`, so problems are reported by one path
only. `outline` walks a file's events the same way to find the lines of validation problems,
composing only the records they name. The cost on the common path is one Python-level mapping
loop (no slower than PyYAML's own) and a `"*" in text` scan; the alias count runs only for files
that contain a `*`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Container, Iterator

from esante_cli.errors import EsanteError

MAX_ALIAS_NODES = 100_000  # nodes that aliases may add to a file, once expanded
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlErrors(EsanteError):
    """The problems of one YAML file (at least one); the exception itself is the first."""

    def __init__(self, errors: list[EsanteError]) -> None:
        first = errors[0]
        super().__init__(first.message, path=first.path, line=first.line)
        self.errors = errors


class Invalid:
    """What a rejected scalar becomes while the rest of the file is read (one per scalar)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<valeur invalide>"


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _written(node: Any, value: Any) -> str:
    """A key as the file spells it: a scalar node's own text, else the value read."""
    text = getattr(node, "value", None)
    return _short(text if isinstance(text, str) else value)


def _line(node_or_mark: Any) -> int | None:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1 if mark is not None and hasattr(mark, "line") else None


# ---------------------------------------------------------------- the loader class (built on first use)

_LOADER: type | None = None


def _scalar_problem(tag: str, node: Any, exc: BaseException) -> str:
    value = _short(getattr(node, "value", ""))
    if not isinstance(getattr(node, "value", None), str):
        return f"balise YAML !!{tag} sur une liste ou un dictionnaire (elle ne s'applique qu'à une valeur simple)"
    if tag == "int":
        if "limit" in str(exc) and "digits" in str(exc):
            return f"nombre entier trop long ({len(node.value)} chiffres) : ce n'est pas une donnée plausible"
        return f"« {value} » n'est pas un nombre entier (balise !!int)"
    if tag == "float":
        return f"« {value} » n'est pas un nombre (balise !!float)"
    if tag == "timestamp":
        return f"date impossible « {value} » ; si ce n'est pas une date, mettez la valeur entre guillemets"
    if tag == "bool":
        return f"« {value} » n'est pas un booléen (true ou false)"
    if tag == "binary":
        return "données binaires (!!binary) illisibles"
    return f"valeur « {value} » illisible (balise !!{tag})"


def loader_class() -> type:
    """PyYAML's safe loader (C parser if available) with the guards described above."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml
    from yaml.constructor import SafeConstructor
    from yaml.nodes import MappingNode

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self.problems: list[tuple[int | None, str]] = []

        def problem(self, node: Any, message: str) -> None:
            self.problems.append((_line(node), message))

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if not isinstance(node, MappingNode):
                return super().construct_mapping(node, deep)
            pairs = node.value
            if any(key.tag == _MERGE_TAG for key, _ in pairs):
                # `<<: *base`: PyYAML merges; a key written twice by hand is still a problem
                self._duplicates([(k, v) for k, v in pairs if k.tag != _MERGE_TAG], deep)
                return super().construct_mapping(node, deep)
            mapping: dict[Any, Any] = {}
            construct = self.construct_object
            for key_node, value_node in pairs:
                key = construct(key_node, deep=deep)
                try:
                    seen = key in mapping
                except TypeError:
                    self.problem(key_node, "clé invalide : une liste ou un dictionnaire ne peut pas servir de clé")
                    continue
                if seen:
                    self._duplicate(pairs, key_node, key, deep)
                mapping[key] = construct(value_node, deep=deep)
            return mapping

        def _duplicates(self, pairs: list[tuple[Any, Any]], deep: bool) -> None:
            seen: set[Any] = set()
            for key_node, _ in pairs:
                key = self.construct_object(key_node, deep=deep)
                try:
                    if key in seen:
                        self._duplicate(pairs, key_node, key, deep)
                    seen.add(key)
                except TypeError:
                    self.problem(key_node, "clé invalide : une liste ou un dictionnaire ne peut pas servir de clé")

        def _duplicate(self, pairs: list[tuple[Any, Any]], key_node: Any, key: Any, deep: bool) -> None:
            first = next(k for k, _ in pairs if k is key_node or self.construct_object(k, deep=deep) == key)
            # Named as written (`true`, not Python's « True »); `1` and `true` are one key to Python
            written, before = _written(key_node, key), _written(first, key)
            same = "" if written == before else f" sous la forme « {before} », même clé une fois lue"
            self.problem(key_node, f"clé « {written} » en double (déjà à la ligne {_line(first)}{same}) : une seule valeur serait gardée")

        def get_single_data(self) -> Any:
            node = self.get_single_node()
            if node is None:
                return None
            if self.check_aliases:
                _bound_aliases(node)
            return self.construct_document(node)

    for tag in ("null", "bool", "int", "float", "binary", "timestamp", "str"):
        original = SafeConstructor.yaml_constructors[f"tag:yaml.org,2002:{tag}"]

        def guarded(self: Any, node: Any, original: Any = original, tag: str = tag) -> Any:
            try:
                return original(self, node)
            except Exception as exc:  # ValueError, KeyError, OverflowError, ConstructorError…
                self.problem(node, _scalar_problem(tag, node, exc))
                return Invalid()

        Loader.add_constructor(f"tag:yaml.org,2002:{tag}", guarded)
    Loader.check_aliases = False
    _LOADER = Loader
    return Loader


_STREAM_LOADER: type | None = None


def stream_loader_class() -> type:
    """The guarded loader, composing with PyYAML's own pure-Python Composer methods over the
    parser's events (libyaml's C parser when present), so that a caller composes one node at
    a time instead of the whole document."""
    global _STREAM_LOADER
    if _STREAM_LOADER is not None:
        return _STREAM_LOADER
    from yaml.composer import Composer

    class StreamLoader(loader_class()):  # type: ignore[misc, valid-type]
        compose_node = Composer.compose_node
        compose_scalar_node = Composer.compose_scalar_node
        compose_sequence_node = Composer.compose_sequence_node
        compose_mapping_node = Composer.compose_mapping_node

        def __init__(self, stream: Any) -> None:
            super().__init__(stream)
            self.anchors = _Anchors()  # for the whole document: a later record may use an earlier anchor

    _STREAM_LOADER = StreamLoader
    return StreamLoader


class _Anchors(dict):  # type: ignore[type-arg]
    """The Composer's anchors, remembering which were defined since the last `fresh.clear()`."""

    def __init__(self) -> None:
        super().__init__()
        self.fresh: list[Any] = []

    def __setitem__(self, name: Any, node: Any) -> None:
        super().__setitem__(name, node)
        self.fresh.append(node)


class _AliasBomb(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def _bound_aliases(root: Any) -> None:
    """Refuse a node graph whose aliases add more than MAX_ALIAS_NODES nodes, or loop."""
    _AliasBound().check(root)


class _AliasBound:
    """The alias count of one document, checked node by node (see `check`).

    Each node is visited once (sizes are memoised), so the check costs the size of the file,
    not of its expansion. A node reached again is an alias: the whole size of what it names is
    added to the count, and the line reported is that of the collection holding the alias.

    A document may be checked in parts, in document order (one record at a time): `added` runs
    on, and the sizes of anchored nodes are kept from part to part (`keep`), since a later part
    may name them. Other sizes are dropped with their part: a node's id is only unique while the
    node lives, and the anchored ones live as long as the Composer's anchors dict.
    """

    def __init__(self) -> None:
        self.added = 0
        self.kept: dict[int, int] = {}  # id of an anchored node of an earlier part -> its size
        self.size: dict[int, int] = {}  # the same for every node of the part being checked

    def check(self, root: Any) -> None:
        from yaml.nodes import MappingNode, SequenceNode

        def children(node: Any) -> list[Any]:
            if isinstance(node, SequenceNode):
                return node.value
            if isinstance(node, MappingNode):
                return [n for pair in node.value for n in pair]
            return []

        size, kept = self.size, self.kept
        open_: set[int] = set()
        stack: list[tuple[Any, Any, bool]] = [(root, None, False)]
        while stack:
            node, parent, done = stack.pop()
            key = id(node)
            if done:
                open_.discard(key)
                size[key] = 1 + sum(size[id(c)] if id(c) in size else kept[id(c)] for c in children(node))
                continue
            known = size.get(key, kept.get(key))
            if known is not None:
                self.added += known
                if self.added > MAX_ALIAS_NODES:
                    raise _AliasBomb(
                        _line(parent),
                        f"les alias YAML (*nom) démultiplient ce fichier au-delà de {MAX_ALIAS_NODES:,} valeurs "
                        "répétées : écrivez les valeurs sans alias".replace(",", "\u202f"),
                    )
                continue
            if key in open_:
                raise _AliasBomb(_line(parent), "alias YAML récursif (une valeur qui se contient elle-même)")
            open_.add(key)
            stack.append((node, parent, True))
            # in document order, so that a node is first met where its anchor is and every later
            # meeting is an alias
            stack.extend((child, node, False) for child in reversed(children(node)))

    def keep(self, anchored: list[Any]) -> None:
        """End of a part: keep the sizes of the nodes anchored in it, forget the others."""
        for node in anchored:
            if id(node) in self.size:
                self.kept[id(node)] = self.size[id(node)]
        self.size = {}


# ---------------------------------------------------------------- parsing


def parse(text: str, path: Path) -> Any:
    """The data of one YAML document, or YamlErrors listing every problem with its line."""
    import yaml

    Loader = loader_class()
    loader = Loader(text)
    loader.check_aliases = "*" in text
    errors: list[EsanteError] = []
    data = None
    try:
        data = loader.get_single_data()
    except _AliasBomb as exc:
        errors.append(EsanteError(exc.message, path=path, line=exc.line))
    except yaml.YAMLError as exc:
        errors.append(_yaml_error(exc, text, path))
    except RecursionError:
        errors.append(EsanteError("structure YAML trop imbriquée", path=path))
    finally:
        loader.dispose()
    found = sorted(loader.problems, key=lambda p: p[0] or 0)  # in file order (sort is stable)
    errors[:0] = [EsanteError(message, path=path, line=line) for line, message in found]
    if errors:
        raise YamlErrors(errors)
    return data


LIST = object()  # stream(): the section's value is a list, whose items follow one by one


class _Unhandled(Exception):
    """The streaming path met something it leaves to the whole-document path."""


def _open_block_mapping(loader: Any) -> Any:
    """Read up to the top-level mapping of a file's first document and return its start event;
    None (nothing more read than the stream and document starts) for a shape the record-by-record
    walks leave to the whole-document path: an empty file, a flow-style, anchored or tagged top
    level, a top level that is not a mapping."""
    from yaml.events import DocumentStartEvent, MappingStartEvent, StreamStartEvent

    if not loader.check_event(StreamStartEvent):
        return None
    loader.get_event()
    if not loader.check_event(DocumentStartEvent):
        return None  # an empty file
    loader.get_event()
    start = loader.peek_event()
    if not isinstance(start, MappingStartEvent) or start.flow_style or start.anchor is not None or start.tag is not None:
        return None
    loader.get_event()
    return start


def stream(text: str, path: Path) -> Iterator[tuple[Any, ...]]:
    """The data of one file as `parse` reads it, handed on record by record; problems as `parse`'s.

    Yields, in document order:
    - `("section", key, value)`: a key of the top-level mapping; `value` is LIST when it is a
      list, whose items follow as
    - `("item", index, raw)`, each item composed and constructed on its own: memory holds one
      record's node tree at a time, not the whole file's (PyYAML's node tree of a 15 MB file
      alone peaks at 500 MB);
    - `("document", data)`: the whole data, when it is not a mapping (an empty file, a list…);
    - `("restart",)`: forget everything yielded so far, the data is handed on again from the start.

    Only a valid file of the usual shape (one document, a block mapping of keys) is streamed.
    Anything else — a flow-style or tagged top level, several documents, an empty file — and any
    problem at all (syntax, duplicate key, bad scalar, alias bomb, nesting too deep…) is left to
    the whole-document path, `parse`, which reports the file exactly as it always did (raises
    YamlErrors) or hands on its data (after a "restart" if items were yielded). A file with
    problems is read twice, the common path once and in little memory.
    """
    from yaml.events import DocumentEndEvent, MappingEndEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent

    loader = stream_loader_class()(text)
    bound = _AliasBound() if "*" in text else None
    anchors = loader.anchors
    yielded = False

    def construct(node: Any) -> Any:
        if bound is not None:
            bound.check(node)
            bound.keep(anchors.fresh)
        anchors.fresh.clear()
        data = loader.construct_document(node)
        if loader.problems:
            raise _Unhandled
        return data

    try:
        if _open_block_mapping(loader) is None:
            raise _Unhandled
        seen: set[Any] = set()
        while not loader.check_event(MappingEndEvent):
            key_node = loader.compose_node(None, None)
            if key_node.tag == _MERGE_TAG:
                raise _Unhandled
            key = construct(key_node)
            if not isinstance(key, (str, int, float, bool, type(None))) or key in seen:
                raise _Unhandled  # the whole-document path names it
            seen.add(key)
            value = loader.peek_event()
            if not isinstance(value, SequenceStartEvent) or value.anchor is not None or value.tag is not None:
                section = construct(loader.compose_node(None, key_node))
                yielded = True
                yield ("section", key, section)
                continue
            loader.get_event()
            yielded = True
            yield ("section", key, LIST)
            index = 0
            while not loader.check_event(SequenceEndEvent):
                raw = construct(loader.compose_node(None, index))
                yield ("item", index, raw)
                index += 1
            loader.get_event()
        loader.get_event()
        if not loader.check_event(DocumentEndEvent):
            raise _Unhandled
        loader.get_event()
        if not loader.check_event(StreamEndEvent):
            raise _Unhandled  # another document
        return
    except MemoryError:
        raise
    except Exception:  # _Unhandled, a YAMLError, _AliasBomb, RecursionError…: see the docstring
        pass
    finally:
        loader.dispose()
    # the whole-document path: its problems, or its data
    if yielded:
        data = parse(text, path)  # before the restart: a file with problems yields nothing more
        yield ("restart",)
        yield from _items(data)
    else:
        yield from whole(text, path)


def whole(text: str, path: Path) -> Iterator[tuple[Any, ...]]:
    """`stream`'s items from the whole-document path (`parse`) alone."""
    yield from _items(parse(text, path))


def _items(data: Any) -> Iterator[tuple[Any, ...]]:
    if not isinstance(data, dict):
        yield ("document", data)
        return
    for key, value in data.items():
        if isinstance(value, list):
            yield ("section", key, LIST)
            for index, raw in enumerate(value):
                yield ("item", index, raw)
        else:
            yield ("section", key, value)


class Outline:
    """What the lines of a file's validation problems need from its node tree (see `outline`)."""

    __slots__ = ("root", "sections")

    def __init__(self, root: int, sections: dict[str, tuple[int, int | None]]) -> None:
        self.root = root  # line (1-based) of the top-level mapping
        # a top-level key's value (scalar keys, first occurrence) -> (its line, the number of
        # items when its value is a list, else None)
        self.sections = sections


def outline(text: str, wanted: Container[tuple[str, int]], found: Callable[[str, int, Any], None]) -> Outline | None:
    """The top-level lines of a file, and the node of each wanted record, without composing
    the whole document (what `yaml.compose` would give, in the memory of one record).

    Walks the parser's events like `stream`: a top-level key whose value is a list has its
    items composed one by one, with PyYAML's own Composer, and handed to `found(key, index,
    node)` when `(key, index)` is wanted; every other item is skipped event by event, keeping
    only the nodes that carry an anchor (a later record may name them). Only the first
    occurrence of a key counts, as when looking it up in the composed mapping. Nothing is
    constructed: the nodes are those of `yaml.compose` (merge keys not flattened), with the
    same marks.

    None (after `found` may have been called: the caller then forgets what it was given) when
    the file is not of the shape `stream` reads (a flow-style, tagged or anchored top level,
    not a mapping, several documents, an empty file) or does not compose: the caller composes
    it whole, as before, and finds the same failure.
    """
    from yaml.events import AliasEvent, DocumentEndEvent, MappingEndEvent, ScalarEvent
    from yaml.events import SequenceEndEvent, SequenceStartEvent, StreamEndEvent
    from yaml.nodes import ScalarNode, SequenceNode

    loader = stream_loader_class()(text)
    loader.anchors = {}

    def skip() -> None:
        """Pass over one node's events, composing only its anchored nodes (kept in anchors)."""
        depth = 0
        peek, get, anchors = loader.peek_event, loader.get_event, loader.anchors
        while True:
            event = peek()
            kind = event.__class__
            if kind is AliasEvent:
                if event.anchor not in anchors:
                    raise _Unhandled  # "found undefined alias" when composed whole
                get()
            elif kind is SequenceEndEvent or kind is MappingEndEvent:
                get()
                depth -= 1
            elif event.anchor is not None:
                loader.compose_node(None, None)  # registers the anchor (or refuses a duplicate one)
            else:
                get()
                if kind is not ScalarEvent:
                    depth += 1
                    continue
            if depth == 0:
                return

    try:
        start = _open_block_mapping(loader)
        if start is None:
            return None
        root = start.start_mark.line + 1
        sections: dict[str, tuple[int, int | None]] = {}
        while not loader.check_event(MappingEndEvent):
            key_node = loader.compose_node(None, None)
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None or key in sections:
                skip()  # a later occurrence is never looked up; a non-scalar key matches no name
                continue
            line = key_node.start_mark.line + 1
            value = loader.peek_event()
            if isinstance(value, SequenceStartEvent) and value.anchor is None:
                loader.get_event()
                index = 0
                while not loader.check_event(SequenceEndEvent):
                    if (key, index) in wanted:
                        found(key, index, loader.compose_node(None, index))
                    else:
                        skip()
                    index += 1
                loader.get_event()
                sections[key] = (line, index)
            elif isinstance(value, AliasEvent) or value.anchor is not None:
                node = loader.compose_node(None, None)  # the list it names may be looked into
                if isinstance(node, SequenceNode):
                    for index, item in enumerate(node.value):
                        if (key, index) in wanted:
                            found(key, index, item)
                    sections[key] = (line, len(node.value))
                else:
                    sections[key] = (line, None)
            else:
                skip()
                sections[key] = (line, None)
        loader.get_event()
        if not loader.check_event(DocumentEndEvent):
            return None
        loader.get_event()
        if not loader.check_event(StreamEndEvent):
            return None  # another document: composing it whole fails
        return Outline(root, sections)
    except MemoryError:
        raise
    except Exception:  # a YAMLError, _Unhandled, RecursionError…: composing it whole says what happens
        return None
    finally:
        loader.dispose()


def _yaml_error(exc: Any, text: str, path: Path) -> EsanteError:
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        char = exc.character
        code = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(char):04X}" if isinstance(char, str) and char else "?"
        return EsanteError(f"caractère interdit dans un fichier YAML ({code}, caractère de contrôle ou spécial)", path=path, line=line)
    if isinstance(exc, yaml.constructor.ConstructorError):
        problem = (exc.problem or "").strip()
        line = _line(exc.problem_mark)
        if problem.startswith("found unhashable key"):
            return EsanteError("clé invalide : une liste ou un dictionnaire ne peut pas servir de clé", path=path, line=line)
        tag = re.search(r"tag '([^']*)'", problem)
        if tag:
            name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            return EsanteError(f"balise YAML non autorisée ({name}) : seules les données simples sont acceptées", path=path, line=line)
        return EsanteError(f"balise YAML inapplicable ici ({_french(problem)})", path=path, line=line)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = _line(mark)
        problem = _french((exc.problem or "").strip())
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem = "tabulation interdite dans l'indentation (indentez avec des espaces)"
        return EsanteError(f"YAML invalide : {problem}", path=path, line=line)
    return EsanteError("YAML invalide : syntaxe incorrecte", path=path)


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


# libyaml's and PyYAML's messages (the start of `problem`), in French. Anything else becomes
# « syntaxe incorrecte »: no English reaches the user.
_PROBLEMS = [
    ("mapping values are not allowed", "« : » inattendu (indentation incorrecte ?)"),
    ("found unexpected end of stream", "fin de fichier inattendue (guillemet non fermé ?)"),
    ("expected <block end>", "indentation incorrecte"),
    ("found duplicate anchor", "ancre YAML (&nom) en double"),
    ("found undefined alias", "alias YAML (*nom) sans ancre (&nom) correspondante"),
    ("did not find expected '-' indicator", "indentation incorrecte (tiret « - » attendu)"),
    ("did not find expected key", "indentation incorrecte (clé attendue)"),
    ("could not find expected ':'", "« : » manquant après une clé"),
    ("found unexpected ':'", "« : » inattendu"),
    ("exceeded maximum nesting depth", "structure trop imbriquée (trop de niveaux de listes ou de dictionnaires)"),
    ("found character that cannot start any token", "caractère inattendu (une valeur ne peut pas commencer par ce caractère)"),
    ("found a tab character", "tabulation interdite dans l'indentation (indentez avec des espaces)"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets (\\…)"),
    ("found invalid Unicode character escape code", "code de caractère Unicode invalide entre guillemets (\\u…)"),
    ("expected hexdecimal number", "code hexadécimal attendu après \\x, \\u ou \\U"),
    ("expected hexadecimal number", "code hexadécimal attendu après \\x, \\u ou \\U"),
    ("did not find expected ',' or ']'", "« , » ou « ] » attendu (crochet non fermé ?)"),
    ("did not find expected ',' or '}'", "« , » ou « } » attendu (accolade non fermée ?)"),
    ("expected ',' or ']'", "« , » ou « ] » attendu (crochet non fermé ?)"),
    ("expected ',' or '}'", "« , » ou « } » attendu (accolade non fermée ?)"),
    ("did not find expected node content", "valeur attendue"),
    ("expected the node content", "valeur attendue"),
    ("did not find expected <document start>", "début de document attendu"),
    ("expected '<document start>'", "début de document attendu"),
    ("but found another document", "un seul document attendu par fichier (« --- » en trop ?)"),
    ("block sequence entries are not allowed", "tiret « - » inattendu (indentation incorrecte ?)"),
    ("did not find expected comment or line break", "texte inattendu après la valeur (guillemet mal placé ?)"),
    ("did not find expected alphabetic or numeric character", "nom d'ancre ou d'alias invalide après « & » ou « * »"),
    ("expected alphabetic or numeric character", "nom d'ancre ou d'alias invalide après « & » ou « * »"),
    ("found undefined tag handle", "préfixe de balise YAML inconnu"),
    ("did not find expected tag URI", "balise YAML invalide"),
    ("did not find URI escaped octet", "balise YAML invalide"),
    ("found incompatible YAML document", "version de YAML non prise en charge"),
    ("found duplicate", "directive YAML en double"),
    ("found unexpected document indicator", "« --- » ou « ... » inattendu dans une valeur entre guillemets"),
    ("found unexpected end of plain scalar", "valeur interrompue"),
    ("found a document end indicator", "« ... » inattendu"),
    ("expected a comment or a line break", "texte inattendu après la valeur"),
    ("expected chomping or indentation indicators", "indicateur de bloc (« | » ou « > ») mal formé"),
    ("expected indentation indicator", "indicateur de bloc (« | » ou « > ») mal formé"),
    ("expected a scalar node", "une valeur simple est attendue ici"),
    ("expected a sequence node", "une liste est attendue ici"),
    ("expected a mapping node", "un dictionnaire est attendu ici"),
    ("expected a mapping for merging", "« << » attend un dictionnaire"),
    ("expected a mapping or list of mappings for merging", "« << » attend un dictionnaire ou une liste de dictionnaires"),
    ("expected a mapping of length 1", "!!omap ou !!pairs attend des dictionnaires d'une seule clé"),
    ("expected a sequence", "une liste est attendue ici"),
]


def _french(problem: str) -> str:
    for english, french in _PROBLEMS:
        if problem.startswith(english) or english in problem:
            return french
    return "syntaxe incorrecte"
