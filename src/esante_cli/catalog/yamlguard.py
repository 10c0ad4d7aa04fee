"""PyYAML's safe loader (libyaml's C parser when present) with the guards the stock one lacks
(yamlfile.py's docstring lists them): keys twice in a mapping, scalars the constructors reject,
aliases that would blow a document up. Built on first use: `import yaml` costs start-up time.
"""

from __future__ import annotations

from typing import Any

from esante_cli.catalog.yamlmessages import line_of, short
from esante_cli.errors import EsanteError

MAX_ALIAS_NODES = 100_000  # nodes that aliases may add to a file, once expanded
MERGE_TAG = "tag:yaml.org,2002:merge"


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



def _written(node: Any, value: Any) -> str:
    """A key as the file spells it: a scalar node's own text, else the value read."""
    text = getattr(node, "value", None)
    return short(text if isinstance(text, str) else value)



# ---------------------------------------------------------------- the loader class (built on first use)

_LOADER: type | None = None


def _scalar_problem(tag: str, node: Any, exc: BaseException) -> str:
    value = short(getattr(node, "value", ""))
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
            self.problems.append((line_of(node), message))

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if not isinstance(node, MappingNode):
                return super().construct_mapping(node, deep)
            pairs = node.value
            if any(key.tag == MERGE_TAG for key, _ in pairs):
                # `<<: *base`: PyYAML merges; a key written twice by hand is still a problem
                self._duplicates([(k, v) for k, v in pairs if k.tag != MERGE_TAG], deep)
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
            self.problem(key_node, f"clé « {written} » en double (déjà à la ligne {line_of(first)}{same}) : une seule valeur serait gardée")

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


class AliasBomb(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def _bound_aliases(root: Any) -> None:
    """Refuse a node graph whose aliases add more than MAX_ALIAS_NODES nodes, or loop."""
    AliasBound().check(root)


class AliasBound:
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
                    raise AliasBomb(
                        line_of(parent),
                        f"les alias YAML (*nom) démultiplient ce fichier au-delà de {MAX_ALIAS_NODES:,} valeurs "
                        "répétées : écrivez les valeurs sans alias".replace(",", "\u202f"),
                    )
                continue
            if key in open_:
                raise AliasBomb(line_of(parent), "alias YAML récursif (une valeur qui se contient elle-même)")
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
