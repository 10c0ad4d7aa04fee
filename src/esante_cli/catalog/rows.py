"""A file of JSON rows read one row at a time: derived data too large to load whole (the search
index of 100,000 records), where one run needs a few rows of it. Plain JSON text, never pickle.

File layout (UTF-8, one JSON document per line):
    1. header: format, the caller's fields (its fingerprint), row count, offset width, sizes and
       CRC-32 of lines 2 and 3
    2. head: one JSON value, read whole when the file is opened
    3. offsets: one JSON string of fixed-width hexadecimal numbers, where each row line starts
       (counted from the first row line)
    4… one row per line: [CRC-32 of the rest of the line, row number, value]
Opening reads lines 1 to 3 and checks the file's size; reading row i reads its line only and
checks its CRC and its number. Damage found at open means "no file" (the caller rebuilds);
damage found in a row raises Damaged, or, when a `repair` callback was given, swaps in the
rebuilt rows and answers from them.
"""

from __future__ import annotations

import json
import os
import shutil
import weakref
import zlib
from array import array
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, Sequence

FORMAT = "esante-rows"
_HEADER_INTS = ("count", "width", "head_size", "head_crc32", "offsets_size", "offsets_crc32", "rows_size")


class Damaged(ValueError):
    """The file is not what its header says."""


# What reading a damaged file can raise (StopIteration: json's scanner on a line that is not JSON).
BROKEN = (Damaged, OSError, ValueError, TypeError, KeyError, IndexError, StopIteration)

Built = tuple[Any, Sequence[Any]]  # (head, rows): what a repair gives back


class Rows:
    """`head` and `rows[i]`, from memory or read from a rows file on demand."""

    def __init__(self, head: Any, rows: Sequence[Any]) -> None:
        self.head = head
        self._rows: Sequence[Any] | None = rows
        self._fh: BinaryIO | None = None
        self._header: dict[str, Any] = {}
        self._offsets = b""
        self._repair: Callable[[], Built] | None = None

    def __len__(self) -> int:
        return len(self._rows) if self._rows is not None else self._header["count"]

    def __getitem__(self, i: int) -> Any:
        if self._rows is not None:
            return self._rows[i]
        if not 0 <= i < self._header["count"]:
            raise IndexError(i)
        try:
            return self._read(i)
        except BROKEN:
            if self._repair is None:
                raise Damaged from None
            head, rows = self._repair()
            self.head, self._rows = head, rows
            self._close()
            return rows[i]

    def _read(self, i: int) -> Any:
        width = self._header["width"]
        fh = self._fh
        assert fh is not None
        fh.seek(self._header["rows_start"] + int(self._offsets[1 + width * i : 1 + width * (i + 1)], 16))
        line = fh.readline()
        comma = line.find(b",")
        if comma < 2 or line[-2:] != b"]\n" or line[1:comma] != b"%d" % zlib.crc32(line[comma + 1 : -2]):
            raise Damaged
        _, number, value = json.loads(line)
        if number != i:
            raise Damaged
        return value

    def _close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class Writer:
    """Writes a rows file row by row, so that rows are never all held in memory: `add(value)` for
    rows 0, 1, 2…, then `finish(head)`; the file appears, whole, only then (atomic rename).
    Raises OSError, ValueError or TypeError when it cannot write (nothing is left behind)."""

    def __init__(self, path: Path, header: dict[str, Any]) -> None:
        self.path, self.header = path, header
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self._rows_tmp = path.with_name(f".{path.name}.{os.getpid()}.rows.tmp")
        self._out: BinaryIO | None = open(self._rows_tmp, "wb")
        self._starts = array("Q")
        self._size = 0
        self._encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode

    def add(self, value: Any) -> None:
        assert self._out is not None
        rest = b"%d,%s" % (len(self._starts), self._encode(value).encode("utf-8"))
        line = b"[%d,%s]\n" % (zlib.crc32(rest), rest)
        self._starts.append(self._size)
        self._out.write(line)
        self._size += len(line)

    def finish(self, head: Any) -> None:
        assert self._out is not None
        try:
            self._out.close()
            head_line = self._encode(head).encode("utf-8") + b"\n"
            width = len("%x" % self._size)
            offsets = b'"' + b"".join(b"%0*x" % (width, start) for start in self._starts) + b'"\n'
            fields = {
                "format": FORMAT, **self.header, "count": len(self._starts), "width": width,
                "head_size": len(head_line), "head_crc32": zlib.crc32(head_line),
                "offsets_size": len(offsets), "offsets_crc32": zlib.crc32(offsets), "rows_size": self._size,
            }  # fmt: skip
            with open(self._tmp, "wb") as out, open(self._rows_tmp, "rb") as rows:
                out.write(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
                out.write(head_line)
                out.write(offsets)
                shutil.copyfileobj(rows, out, 1 << 20)
            os.replace(self._tmp, self.path)
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the temporary files (after finish, or instead of it)."""
        if self._out is not None:
            self._out.close()
            self._out = None
        for tmp in (self._tmp, self._rows_tmp):
            if tmp.exists():
                tmp.unlink()


def write(path: Path, header: dict[str, Any], head: Any, rows: Iterable[Any]) -> None:
    """Write a whole rows file at once (see Writer)."""
    writer = Writer(path, header)
    try:
        for row in rows:
            writer.add(row)
        writer.finish(head)
    finally:
        writer.discard()


def open_rows(path: Path, wanted: dict[str, Any], repair: Callable[[], Built] | None = None) -> Rows | None:
    """The rows file at `path` if its header holds `wanted` and it looks whole; else None.

    `repair()` rebuilds (head, rows) when a row turns out damaged later.
    """
    try:
        fh = path.open("rb")
    except OSError:
        return None
    try:
        header = json.loads(fh.readline())
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or any(header.get(k) != v for k, v in wanted.items())
            or any(type(header.get(k)) is not int for k in _HEADER_INTS)
        ):
            raise Damaged  # stale, or not a rows file
        head_line = fh.read(header["head_size"])
        offsets = fh.read(header["offsets_size"])
        header["rows_start"] = fh.tell()
        if (
            zlib.crc32(head_line) != header["head_crc32"]
            or zlib.crc32(offsets) != header["offsets_crc32"]
            or len(offsets) != header["width"] * header["count"] + 3
            or os.fstat(fh.fileno()).st_size != header["rows_start"] + header["rows_size"]
        ):
            raise Damaged  # damaged, truncated or grown
        rows = Rows(json.loads(head_line), ())
    except BROKEN:
        fh.close()
        return None
    rows._rows, rows._fh, rows._header, rows._offsets, rows._repair = None, fh, header, offsets, repair
    weakref.finalize(rows, fh.close)
    return rows
