"""The shape of the code (docs/architecture.md, STYLE.md): data flows one way through the layers
catalog → explore → present → cli, no two modules import each other (even through others), no
module grows past one job's size, and the core never reads the environment.

Read from the source with `ast`, every import counted: at the top of a module, inside a function
(the lazy imports that keep start-up fast) or under `if TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "esante_cli"
LAYERS = {"catalog": 0, "explore": 1, "present": 2, "cli": 3}
BASE = -1  # errors.py, textsafe.py, wording.py, streams.py: used by every layer, import none
TOP = 4  # entry.py, __main__.py: start the CLI
MAX_LINES = 600
MAX_ENGINE_LINES = 400
# Folders where no module reads os.environ: the CLI resolves the environment once
# (cli/environment.py) and passes values down. present/ joins this list once it no longer
# reads its variables itself (NO_COLOR, COLUMNS, PAGER: present/render.py).
ENVIRONMENT_FREE = ("catalog", "explore")


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = ["esante_cli", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imported(name: str, path: Path, tree: ast.AST) -> set[str]:
    """The package's modules that `name` imports, anywhere in its source."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # `from package import module` imports that module; `from module import name`, the module
            targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in MODULES else source for a in node.names]
        else:
            continue
        for target in targets:
            while target not in MODULES and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in MODULES and target != name and target.startswith("esante_cli."):
                out.add(target)
    return out


TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}
IMPORTS = {name: _imported(name, MODULES[name], tree) for name, tree in TREES.items()}


def _layer(name: str) -> int:
    parts = name.split(".")
    if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS):
        return LAYERS[parts[1]]
    return TOP if parts[-1] in ("entry", "__main__", "esante_cli") else BASE


def test_the_module_list_is_read() -> None:
    assert {"esante_cli.catalog.engine", "esante_cli.explore.search", "esante_cli.cli.app"} <= set(MODULES)
    assert "esante_cli.catalog.engine" in IMPORTS["esante_cli.explore.search"]


def test_no_layer_imports_a_higher_one() -> None:
    upward = sorted(
        f"{name} ({_layer(name)}) imports {target} ({_layer(target)})"
        for name, targets in IMPORTS.items()
        for target in targets
        if _layer(target) > _layer(name)
    )
    assert upward == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(IMPORTS[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in sorted(IMPORTS):
        if name not in index:
            visit(name)
    return found


def test_no_import_cycle_between_modules() -> None:
    assert _cycles() == []


def test_the_cycle_finder_sees_a_cycle(monkeypatch) -> None:
    monkeypatch.setitem(IMPORTS, "esante_cli.errors", IMPORTS["esante_cli.errors"] | {"esante_cli.cli.app"})
    assert any("esante_cli.errors" in cycle and "esante_cli.cli.app" in cycle for cycle in _cycles())


def test_no_module_does_more_than_one_job_s_worth() -> None:
    lines = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in lines.items() if n > MAX_LINES} == {}
    assert lines["esante_cli.catalog.engine"] <= MAX_ENGINE_LINES


def _reads_environment(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv", "putenv"):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            if any(alias.name in ("environ", "environb", "getenv") for alias in node.names):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("folder", ENVIRONMENT_FREE)
def test_the_core_never_reads_the_environment(folder: str) -> None:
    readers = {
        str(MODULES[name].relative_to(PACKAGE)): found
        for name, tree in TREES.items()
        if name.startswith(f"esante_cli.{folder}.") and (found := _reads_environment(tree))
    }
    assert readers == {}


def test_the_environment_check_sees_a_reader() -> None:
    assert _reads_environment(ast.parse("import os\nx = os.environ.get('A')\n")) == [2]
    assert _reads_environment(ast.parse("from os import getenv\n")) == [1]


def test_the_cache_key_hashes_every_module_that_shapes_the_database(tmp_path: Path) -> None:
    """A database is keyed on the source of the code that reads, checks and indexes the data
    (cachekey._CODE_FILES): every catalog module that loading and indexing a catalogue runs
    must be in that list, or a change to it would serve databases built by the older code."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {str(PACKAGE.parent)!r})\n"
        "from esante_cli.catalog import indexbuild, store\n"
        "catalog = store.load(store.shipped_data_dir(), cache_dir=None)\n"
        "indexbuild.build(catalog, ':memory:', 'test').close()\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('esante_cli'))))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path).stdout.split()
    from esante_cli.catalog import cachekey

    hashed = {"esante_cli." + name[: -len(".py")].replace("/", ".") for name in cachekey._CODE_FILES}
    not_shaping = {  # loaded, but nothing they do changes what a database holds
        "esante_cli", "esante_cli.catalog", "esante_cli.errors", "esante_cli.wording", "esante_cli.catalog.memo",
        "esante_cli.catalog.journal", "esante_cli.catalog.yamlmessages",  # messages: data with problems has no database
    }  # fmt: skip
    assert "esante_cli.catalog.indexbuild" in loaded
    assert sorted(set(loaded) - hashed - not_shaping) == []
    assert all((PACKAGE / name).is_file() for name in cachekey._CODE_FILES)
