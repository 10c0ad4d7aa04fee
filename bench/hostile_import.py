"""Import files built to stall or bloat a parser (issue 26): time and peak memory, side by side
with a reference measured in the same run.

- HTML fields: esante's linear scanner (importers/text.py) on fields of N characters of `<!--`,
  `<a` and `<?`, beside Python's html.parser on the same fields at a tenth of the size (at the
  full size it takes minutes: its scanning is quadratic there).
- A ZIP whose XML holds millions of tiny sheets: `esante import onisep` in a child process
  (refused past MAX_SHEETS, read as a stream), its time and peak memory, beside
  `python -c "import xml.etree.ElementTree as E; E.parse(...)"` on the same XML (the whole
  tree in memory, as a reader without streaming would hold it).

    python bench/hostile_import.py [--size 1000000] [--sheets 3000000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path


def _timed(function, *args):  # noqa: ANN001, ANN202
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def _html_parser(text: str) -> None:
    from html.parser import HTMLParser

    parser = HTMLParser()
    parser.feed(text)
    parser.close()


def _child(argv: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit status) of a child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--sheets", type=int, default=3_000_000)
    options = parser.parse_args()
    from esante_cli.catalog.importers.text import html_blocks

    print(f"HTML field of {options.size:,} characters (html.parser at {options.size // 10:,})")
    for pattern in ("<!--", "<a", "<?"):
        ours = _timed(html_blocks, pattern * (options.size // len(pattern)))
        reference = _timed(_html_parser, pattern * (options.size // 10 // len(pattern)))
        print(f"  {pattern:5} esante {ours:7.3f} s   html.parser (1/10 of it) {reference:7.3f} s")

    with tempfile.TemporaryDirectory() as folder:
        archive, xml = Path(folder) / "fiches.zip", Path(folder) / "fiches.xml"
        sheet = b"<metier><identifiant>MET.1</identifiant><nom_metier>x</nom_metier></metier>"
        with open(xml, "wb") as fh:
            fh.write(b"<metiers>")
            for _ in range(options.sheets // 10_000):
                fh.write(sheet * 10_000)
            fh.write(b"</metiers>")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(xml, "fiches.xml")
        print(f"ZIP of {options.sheets:,} tiny sheets ({xml.stat().st_size / 1048576:.0f} MB of XML, {archive.stat().st_size / 1048576:.1f} MB zipped)")
        env_cache = {"ESANTE_CACHE_DIR": str(Path(folder) / "cache")}
        os.environ.update(env_cache)
        seconds, peak, code = _child([sys.executable, "-m", "esante_cli", "import", "onisep", str(archive), "--out", str(Path(folder) / "out")])
        print(f"  esante import      {seconds:7.2f} s  {peak:7.0f} MiB  exit {code}")
        seconds, peak, code = _child([sys.executable, "-c", f"import xml.etree.ElementTree as E; E.parse({str(xml)!r})"])
        print(f"  ElementTree.parse  {seconds:7.2f} s  {peak:7.0f} MiB  (reference: the whole tree)")


if __name__ == "__main__":
    main()
