"""Hatch build hook: the wheel carries the database of its shipped data (catalog/engine.py, indexbuild.py), so
that a new user's first `esante search` is as fast as later ones.

The database is built from data/ with the package's own code (src/ on sys.path) and named by
the same key the installed package computes (the data files' bytes and the code's source), so
the installed package finds it in esante_cli/prebuilt/ for as long as its data is unchanged.
Editable installs and sdists skip it: their data may change, and the user cache takes over.
If the database cannot be built here, the wheel is built without it (a slower first run,
nothing worse) and the reason is printed.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltCatalogHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._tmp: str | None = None
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        self._tmp = tempfile.mkdtemp(prefix="esante-prebuilt-")
        try:
            database = build_database(root / "src", root / "data", Path(self._tmp))
        except Exception as exc:  # noqa: BLE001 - a missing database only slows the first run
            self.app.display_warning(f"esante: shipped catalogue not prebuilt ({type(exc).__name__}: {exc})")
            return
        build_data["force_include"][str(database)] = f"esante_cli/prebuilt/{database.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)


def build_database(src: Path, data: Path, out: Path) -> Path:
    """Build the shipped data's database into `out` with the code under `src`; its path."""
    saved_path, saved_bytecode = list(sys.path), sys.dont_write_bytecode
    sys.path.insert(0, str(src))
    sys.dont_write_bytecode = True  # nothing written into the source tree
    try:
        from esante_cli.catalog import engine, store

        catalog = store.load(data)  # validated: invalid data fails the build loudly, here
        key = engine.data_key([store.data_files(data)])
        return engine.write(catalog, out, key)
    finally:
        sys.path[:] = saved_path
        sys.dont_write_bytecode = saved_bytecode
        for name in [m for m in sys.modules if m == "esante_cli" or m.startswith("esante_cli.")]:
            del sys.modules[name]
