"""Records to stored rows and back: field values as JSON, rows deflated, each with a CRC-32.

A record is stored as the JSON list of its field values (tuples as lists, value classes as
{"@": class name, "v": [fields]}: never pickle, so a foreign file cannot run code); rows are
deflated against a preset dictionary sampled from rows like them, and each row carries a CRC-32
of its values (SQLite does not checksum its pages).
"""

from __future__ import annotations

import gc
import json
import sys
import zlib
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from esante_cli.catalog import models
from esante_cli.catalog.models import Frozen, Record, field_names


def encode(value: Any) -> Any:
    """A field value as JSON: tuples as lists, value classes as {"@": class name, "v": [fields]}."""
    if isinstance(value, Frozen):
        return {"@": type(value).__name__, "v": [encode(v) for v in value._get(value)]}
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(value: Any) -> Any:
    if value.__class__ is list:
        return tuple(sys.intern(v) if v.__class__ is str and len(v) < 64 else decode(v) for v in value)
    if value.__class__ is dict:
        name = value.get("@")
        if name is not None:
            cls = getattr(models, name)
            if not (isinstance(cls, type) and issubclass(cls, Frozen)):
                raise ValueError(name)
            return cls(*map(decode, value["v"]))
        return {k: decode(v) for k, v in value.items()}
    return value


def encode_record(record: Record) -> str:
    return json.dumps([encode(v) for v in record._get(record)], ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def decode_record(kind: str, data: str) -> Record:
    cls = models.KIND_BY_NAME.get(kind)
    if cls is None:
        raise ValueError(f"record kind {kind!r}")
    values = json.loads(data)
    if values.__class__ is not list or len(values) != len(field_names(cls)):
        raise ValueError("record shape")
    return cls(*map(decode, values))


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def dictionary(texts: Iterable[str]) -> bytes:
    """A zlib preset dictionary for rows like these: a sample of them, evenly spread (rows are
    small, and compressed alone they would share nothing: this makes them 2 to 4 times smaller)."""
    texts = list(texts)
    step = max(1, len(texts) // 64)
    sample = "\n".join(texts[::step]).encode("utf-8")
    return sample[-32768:]


def packer(dictionary: bytes) -> Callable[[str], bytes]:
    # Loading a 32 KiB preset dictionary into a new compressor costs more than the row itself:
    # each row starts from a copy of one primed compressor (the same bytes come out).
    primed = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=dictionary)

    def pack(text: str) -> bytes:
        z = primed.copy()
        return z.compress(text.encode("utf-8")) + z.flush()

    return pack


def unpack(blob: bytes, dictionary: bytes) -> str:
    z = zlib.decompressobj(-15, zdict=dictionary)
    out = z.decompress(blob, 1 << 24) + z.flush()
    if z.unconsumed_tail or not z.eof:
        raise ValueError("compressed row")
    return out.decode("utf-8")


def crc(*values: Any) -> int:
    """CRC-32 of a row's values: SQLite does not checksum its pages, and a flipped byte in a
    record must not become a wrong salary (a row whose CRC differs is damage)."""
    crc = 0
    for value in values:
        crc = zlib.crc32(value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass"), crc)
        crc = zlib.crc32(b"\0", crc)
    return crc


def crc_row(*values: Any) -> tuple[Any, ...]:
    return (*values, crc(*values))


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while many objects are made (encoding, decoding, building):
    they hold no cycle worth collecting, and it would rescan them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
