"""Field checks of the ROME sections (`rome`, `rome_interests`; docs/rome.md), for schema._Checker."""

from __future__ import annotations

import re
from typing import Any

from esante_cli.catalog.models import RIASEC, Group, RomeLink, ThemeLink

_CODE_RE = re.compile(r"[A-N]\d{4}\Z")


def check(checker: Any, spec: str, field: str, value: Any) -> Any:
    """The model value of a ROME field, or a problem reported through `checker.fail`."""
    if spec == "rome_code":
        if not isinstance(value, str) or not _CODE_RE.match(value):
            checker.fail(field, f"code ROME attendu (une lettre et quatre chiffres, ex. M1880), trouvé « {value} »")
            return None
        return value
    if spec == "riasec?":
        parts = checker.mapping(field, value, {"major": "str?", "minor": "str?"})
        for key in ("major", "minor"):
            if parts[key] is not None and parts[key] not in RIASEC:
                checker.fail(f"{field}.{key}", f"lettre RIASEC attendue ({', '.join(RIASEC)}), trouvé « {parts[key]} »")
                parts[key] = None
        return {"riasec_major": parts["major"], "riasec_minor": parts["minor"]}
    if value is None:
        return ()
    if not isinstance(value, list):
        checker.fail(field, f"liste attendue, trouvé {checker.type_name(value)}")
        return ()
    out = []
    for i, item in enumerate(value):
        where = f"{field}[{i}]"
        if spec == "theme_links":
            parts = checker.mapping(where, item, {"theme": "int?", "main": "bool"})
            if isinstance(item, dict) and parts["theme"] is None:
                checker.fail(f"{where}.theme", "champ obligatoire manquant")
            elif isinstance(item, dict):
                out.append(ThemeLink(parts["theme"], parts["main"]))
        elif spec == "groups":
            parts = checker.mapping(where, item, {"group": "str", "items": "[str]"})
            if isinstance(item, dict) and parts["group"] is not None:
                out.append(Group(parts["group"], parts["items"]))
        else:
            parts = checker.mapping(where, item, {"code": "str", "title": "str", "rank": "int?"})
            if isinstance(item, dict) and parts["code"] is not None and parts["title"] is not None:
                if not _CODE_RE.match(parts["code"]):
                    checker.fail(f"{where}.code", f"code ROME attendu (ex. M1880), trouvé « {parts['code']} »")
                    continue
                out.append(RomeLink(parts["code"], parts["title"], parts["rank"]))
    return tuple(out)
