"""What esante is writing, recorded, so that a later run cleans up after a killed one — and
removes only what esante itself created.

Before an export creates its temporary file, or an import its staging folder, the entry is
recorded in a journal folder (the CLI gives `<cache>/pending`): one small JSON file per entry,
with the process id and the device and inode of what was created. When the work ends, the
record goes. A later run looks at the records of processes that are gone: an entry that is
still there, still the same file (same device and inode), is removed; anything else is left
alone. Nothing is ever removed because of its name.

An import's swap (replacing a folder with --force) is recorded the same way, with the three
paths involved, so that a swap killed between its two renames is finished or undone
(importers/folder.py, recover()).

Every failure here is silent: without a journal (an unwritable cache), nothing is recorded and
nothing is cleaned — a leftover temporary file, never a deletion.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, Callable, Iterator

STALE_SECONDS = 7 * 24 * 3600  # a record this old is acted on even if its pid looks alive (pid reuse)


def alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the entry itself (a symlink is not followed), or None."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


class Journal:
    """Records in `folder` (None: nothing is recorded)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def add(self, **entry: Any) -> Path | None:
        """Record an entry (paths as str); the record's path, or None when it cannot be written."""
        if self.folder is None:
            return None
        entry["pid"] = os.getpid()
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            record = self.folder / f"{os.getpid()}-{os.urandom(6).hex()}.json"
            fd = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                json.dump(entry, fh)  # ensure_ascii: a path that is not UTF-8 round-trips
            return record
        except OSError:
            return None

    def update(self, record: Path | None, **entry: Any) -> None:
        if record is None:
            return
        try:
            data = json.loads(record.read_text(encoding="ascii"))
            data.update(entry)
            tmp = record.with_suffix(".new")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                json.dump(data, fh)
            os.replace(tmp, record)
        except (OSError, ValueError):
            pass

    @staticmethod
    def done(record: Path | None) -> None:
        if record is not None:
            try:
                record.unlink()
            except OSError:
                pass

    def stale(self) -> Iterator[tuple[Path, dict[str, Any]]]:
        """Records of processes that are gone (or very old), with their entry."""
        if self.folder is None:
            return
        try:
            records = [p for p in self.folder.iterdir() if p.suffix == ".json"]
        except OSError:
            return
        import time

        now = time.time()
        for record in records:
            try:
                st = os.lstat(record)
                if not stat.S_ISREG(st.st_mode) or st.st_size > 65536:
                    continue
                data = json.loads(record.read_text(encoding="ascii"))
                pid = int(data.get("pid", 0))
            except (OSError, ValueError, TypeError, AttributeError):
                continue
            if isinstance(data, dict) and (not alive(pid) or now - st.st_mtime > STALE_SECONDS):
                yield record, data

    def sweep(self, kind: str, act: Callable[[dict[str, Any]], None] | None = None) -> None:
        """Handle the stale records of this kind: `act(entry)`, by default remove_created."""
        for record, entry in list(self.stale()):
            if entry.get("kind") != kind:
                continue
            try:
                (act or remove_created)(entry)
            except (OSError, ValueError, TypeError, KeyError):
                continue  # left for a later run (or for the user): never a failure here
            self.done(record)


def remove_created(entry: dict[str, Any]) -> None:
    """Remove the file or folder an entry recorded, if it is still the same one (dev, inode)."""
    path = Path(entry["path"])
    if identity(path) != (entry.get("dev"), entry.get("ino")):
        return
    if stat.S_ISDIR(os.lstat(path).st_mode):
        import shutil

        shutil.rmtree(path)
    else:
        path.unlink()
