"""YAML text to plain Python data, every problem in French with its line (used by store.py).

PyYAML's safe loader (libyaml's C parser when present) with four guards the stock one lacks
(the loader classes: yamlguard.py; the messages: yamlmessages.py):
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

from pathlib import Path
from typing import Any, Callable, Container, Iterator

from esante_cli.errors import EsanteError

from esante_cli.catalog.yamlguard import MERGE_TAG, AliasBomb, AliasBound, YamlErrors, loader_class, stream_loader_class
from esante_cli.catalog.yamlmessages import yaml_error


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
    except AliasBomb as exc:
        errors.append(EsanteError(exc.message, path=path, line=exc.line))
    except yaml.YAMLError as exc:
        errors.append(yaml_error(exc, text, path))
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
    bound = AliasBound() if "*" in text else None
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
            if key_node.tag == MERGE_TAG:
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
    except Exception:  # _Unhandled, a YAMLError, AliasBomb, RecursionError…: see the docstring
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

