"""The key of a catalogue's database: blake2b over the data files' names and bytes, folder by
folder, and over the source of the modules that shape the database (code_digest). Any edit is
seen. Big files (≥ 1 MiB) have their digest remembered beside the databases (digests.json)
under their full stat (device, inode, size, mtime and ctime in ns), and only when both times
are older than two seconds: an edit changes the ctime, which no user can set back. The same
file records the stat of each database as it was written (a database whose stat differs was
changed since: it is not used) and the temporary files of builds under way (engine.py).
"""

from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from esante_cli import __version__
from esante_cli.catalog.database import FORMAT

BIG_FILE = 1 << 20  # files this large have their digest remembered (see above)
SETTLED_SECONDS = 2  # a file changed more recently than this has its digest computed again
DIGESTS = "digests.json"

try:  # CPython's own blake2: `import hashlib` would also load OpenSSL (4 ms at every start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b


# The modules whose code shapes a database: reading and validating the data, the models, the
# search vocabulary and the index (tests/test_architecture.py checks that every catalog module
# loaded while loading and indexing a catalogue is here).
_CODE_FILES = (
    "catalog/engine.py", "catalog/cachekey.py", "catalog/codec.py", "catalog/indexbuild.py", "catalog/database.py",
    "catalog/store.py", "catalog/checks.py", "catalog/datafiles.py", "catalog/problems.py", "catalog/yamlfile.py",
    "catalog/yamlguard.py", "catalog/schema.py", "catalog/schema_rome.py", "catalog/specs.py", "catalog/integrity.py",
    "catalog/models.py", "catalog/fieldvalues.py", "catalog/values.py", "catalog/labels.py", "catalog/sources.py",
    "catalog/terms.py", "catalog/fields.py", "catalog/phrases.py", "catalog/folding.py", "catalog/routegraph.py",
    "textsafe.py",
)  # fmt: skip
_code_digest: bytes | None = None


def code_digest() -> bytes:
    """blake2b of the package version and of the source of the modules the database depends on."""
    global _code_digest
    if _code_digest is None:
        package = Path(__file__).resolve().parent.parent
        h = blake2b(f"esante {__version__} format {FORMAT}\n".encode(), digest_size=16)
        for name in _CODE_FILES:
            try:
                h.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
            except OSError:
                h.update(name.encode() + b"\0missing\0")
        _code_digest = h.digest()
    return _code_digest


def data_key(folders: Sequence[Sequence[Path]], memo: Digests | None = None) -> str:
    """The key of a catalogue: its folders' files (names and bytes, in order) and the code.

    `memo`: where big files' digests are remembered (the cache folder's), or None.
    Raises OSError when a file cannot be read (the loader then reports it).
    """
    memo = memo or Digests(None)
    key = _key(folders, memo.digest)
    memo.save()
    return key


def _key(folders: Sequence[Sequence[Path]], digest: Callable[[Path], bytes]) -> str:
    h = blake2b(code_digest(), digest_size=20)
    for layer, files in enumerate(folders):
        h.update(b"folder %d\0" % layer)
        for path in files:
            h.update(os.fsencode(path.name) + b"\0" + digest(path) + b"\0")
    return h.hexdigest()


def file_digest(raw: bytes) -> bytes:
    """A file's digest from its bytes, as data_key computes it (the loader records the digest of
    the bytes it parsed: load() keys a new database on them)."""
    return blake2b(raw, digest_size=20).digest()


def parsed_key(folders: Sequence[Sequence[Path]], parsed: Mapping[str, bytes]) -> str | None:
    """The key of the bytes the loader actually parsed (`parsed`: absolute path → file_digest),
    or None when it did not parse exactly these files."""
    wanted = {os.path.abspath(path) for files in folders for path in files}
    if set(parsed) != wanted:
        return None
    return _key(folders, lambda path: parsed[os.path.abspath(path)])


class Digests:
    """Digests of big files by full stat (see the module docstring), and the stat of each
    database as it was written, in a small JSON file of the cache folder. A database whose stat
    differs was changed after it was written (damaged, replaced): it is not used."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / DIGESTS if folder is not None else None
        self.known: dict[str, str] = {}
        self.changed = False
        if self.path is not None:
            try:
                with open_regular(self.path) as fh:
                    data = json.loads(fh.read(1 << 20))
                if isinstance(data, dict):
                    self.known = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
            except (OSError, ValueError, RecursionError):
                pass

    def digest(self, path: Path) -> bytes:
        st = os.stat(path)
        if st.st_size < BIG_FILE or self.path is None:
            return blake2b(path.read_bytes(), digest_size=20).digest()
        name = f"{os.path.abspath(path)}|{st.st_dev}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}"
        known = self.known.get(name)
        if known is not None:
            try:
                return bytes.fromhex(known)
            except ValueError:
                pass
        h = blake2b(digest_size=20)
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        settled = time.time_ns() - SETTLED_SECONDS * 1_000_000_000
        after = os.stat(path)
        if max(after.st_mtime_ns, after.st_ctime_ns) < settled and after.st_ctime_ns == st.st_ctime_ns:
            self.known[name] = h.hexdigest()
            self.changed = True
        return h.digest()

    def seal(self, database: Path) -> None:
        """Remember a database's stat, just written."""
        self.known["db|" + os.path.abspath(database)] = _stat_id(os.lstat(database))
        self.changed = True

    def sealed(self, database: Path, st: os.stat_result) -> bool:
        return self.known.get("db|" + os.path.abspath(database)) == _stat_id(st)

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        import tempfile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # created exclusively (mkstemp): a symbolic link planted in the folder is never followed
            fd, name = tempfile.mkstemp(prefix=f".{DIGESTS}.{os.getpid()}.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(json.dumps(dict(list(self.known.items())[-500:])))
                os.replace(name, self.path)
            finally:
                if os.path.lexists(name):
                    os.unlink(name)
        except OSError:
            pass


def _stat_id(st: os.stat_result) -> str:
    return f"{st.st_dev}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}"


@contextmanager
def open_regular(path: Path) -> Iterator[Any]:
    """Open a regular file for reading, never following a symlink nor waiting on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            yield fh
    finally:
        os.close(fd)
