"""libyaml's and PyYAML's problems in French, with their line: no English reaches the user.

`yaml_error(exc, text, path)` turns a YAMLError into an EsanteError; a message it does not know
becomes « syntaxe incorrecte ».
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from esante_cli.errors import EsanteError


def short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"



def line_of(node_or_mark: Any) -> int | None:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1 if mark is not None and hasattr(mark, "line") else None



def yaml_error(exc: Any, text: str, path: Path) -> EsanteError:
    import yaml

    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        char = exc.character
        code = f"U+{char:04X}" if isinstance(char, int) else f"U+{ord(char):04X}" if isinstance(char, str) and char else "?"
        return EsanteError(f"caractère interdit dans un fichier YAML ({code}, caractère de contrôle ou spécial)", path=path, line=line)
    if isinstance(exc, yaml.constructor.ConstructorError):
        problem = (exc.problem or "").strip()
        line = line_of(exc.problem_mark)
        if problem.startswith("found unhashable key"):
            return EsanteError("clé invalide : une liste ou un dictionnaire ne peut pas servir de clé", path=path, line=line)
        tag = re.search(r"tag '([^']*)'", problem)
        if tag:
            name = tag.group(1).replace("tag:yaml.org,2002:", "!!")
            return EsanteError(f"balise YAML non autorisée ({name}) : seules les données simples sont acceptées", path=path, line=line)
        return EsanteError(f"balise YAML inapplicable ici ({french(problem)})", path=path, line=line)
    if isinstance(exc, yaml.MarkedYAMLError):
        unclosed = _unclosed(exc, text, path)
        if unclosed is not None:
            return unclosed
        mark = exc.problem_mark or exc.context_mark
        line = line_of(mark)
        problem = french((exc.problem or "").strip())
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem = "tabulation interdite dans l'indentation (indentez avec des espaces)"
        return EsanteError(f"YAML invalide : {problem}", path=path, line=line)
    return EsanteError("YAML invalide : syntaxe incorrecte", path=path)


# What libyaml was reading when it gave up, when that is an opening it never saw closed:
# (what was opened, ouvert/ouverte, the closing sign; None: the quote found in the text).
_OPENINGS = {
    "while parsing a flow sequence": ("crochet « [ »", "ouvert", "jamais refermé", "« ] »"),
    "while parsing a flow mapping": ("accolade « { »", "ouverte", "jamais refermée", "« } »"),
    "while scanning a quoted scalar": ("guillemet", "ouvert", "jamais refermé", None),
}


def _unclosed(exc: Any, text: str, path: Path) -> EsanteError | None:
    """A bracket, brace or quote left open is reported on the line where it opened: libyaml's
    position is where it noticed (the next key, or the end of the file: line 4 of a 3-line file)."""
    known = _OPENINGS.get((exc.context or "").strip())
    opened, noticed = exc.context_mark, exc.problem_mark
    if known is None or opened is None or noticed is None or opened.line >= noticed.line:
        return None
    what, open_word, never, closing = known
    if closing is None:
        quote = _char_at(text, opened.line, opened.column)
        quote = quote if quote in ("'", '"') else '"'
        what, closing = f"guillemet « {quote} »", f"second « {quote} »"
    index = getattr(noticed, "index", None)
    at_end = isinstance(index, int) and not text[index:].strip()
    where = "la fin du fichier" if at_end else f"la ligne {noticed.line + 1}"
    return EsanteError(
        f"YAML invalide : {what} {open_word} ici et {never} (pas de {closing} avant {where})",
        path=path,
        line=opened.line + 1,
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


# libyaml's and PyYAML's messages (the start of `problem`), in French. Anything else becomes
# « syntaxe incorrecte »: no English reaches the user.
_PROBLEMS = [
    ("mapping values are not allowed", "« : » inattendu (indentation incorrecte ?)"),
    ("found unexpected end of stream", "fin de fichier inattendue (guillemet non fermé ?)"),
    ("expected <block end>", "indentation incorrecte"),
    ("found duplicate anchor", "ancre YAML (&nom) en double"),
    ("found undefined alias", "alias YAML (*nom) sans ancre (&nom) correspondante"),
    ("did not find expected '-' indicator", "indentation incorrecte (tiret « - » attendu)"),
    ("did not find expected key", "indentation incorrecte (clé attendue)"),
    ("could not find expected ':'", "« : » manquant après une clé"),
    ("found unexpected ':'", "« : » inattendu"),
    ("exceeded maximum nesting depth", "structure trop imbriquée (trop de niveaux de listes ou de dictionnaires)"),
    ("found character that cannot start any token", "caractère inattendu (une valeur ne peut pas commencer par ce caractère)"),
    ("found a tab character", "tabulation interdite dans l'indentation (indentez avec des espaces)"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets (\\…)"),
    ("found invalid Unicode character escape code", "code de caractère Unicode invalide entre guillemets (\\u…)"),
    ("expected hexdecimal number", "code hexadécimal attendu après \\x, \\u ou \\U"),
    ("expected hexadecimal number", "code hexadécimal attendu après \\x, \\u ou \\U"),
    ("did not find expected ',' or ']'", "« , » ou « ] » attendu (crochet non fermé ?)"),
    ("did not find expected ',' or '}'", "« , » ou « } » attendu (accolade non fermée ?)"),
    ("expected ',' or ']'", "« , » ou « ] » attendu (crochet non fermé ?)"),
    ("expected ',' or '}'", "« , » ou « } » attendu (accolade non fermée ?)"),
    ("did not find expected node content", "valeur attendue"),
    ("expected the node content", "valeur attendue"),
    ("did not find expected <document start>", "début de document attendu"),
    ("expected '<document start>'", "début de document attendu"),
    ("but found another document", "un seul document attendu par fichier (« --- » en trop ?)"),
    ("block sequence entries are not allowed", "tiret « - » inattendu (indentation incorrecte ?)"),
    ("did not find expected comment or line break", "texte inattendu après la valeur (guillemet mal placé ?)"),
    ("did not find expected alphabetic or numeric character", "nom d'ancre ou d'alias invalide après « & » ou « * »"),
    ("expected alphabetic or numeric character", "nom d'ancre ou d'alias invalide après « & » ou « * »"),
    ("found undefined tag handle", "préfixe de balise YAML inconnu"),
    ("did not find expected tag URI", "balise YAML invalide"),
    ("did not find URI escaped octet", "balise YAML invalide"),
    ("found incompatible YAML document", "version de YAML non prise en charge"),
    ("found duplicate", "directive YAML en double"),
    ("found unexpected document indicator", "« --- » ou « ... » inattendu dans une valeur entre guillemets"),
    ("found unexpected end of plain scalar", "valeur interrompue"),
    ("found a document end indicator", "« ... » inattendu"),
    ("expected a comment or a line break", "texte inattendu après la valeur"),
    ("expected chomping or indentation indicators", "indicateur de bloc (« | » ou « > ») mal formé"),
    ("expected indentation indicator", "indicateur de bloc (« | » ou « > ») mal formé"),
    ("expected a scalar node", "une valeur simple est attendue ici"),
    ("expected a sequence node", "une liste est attendue ici"),
    ("expected a mapping node", "un dictionnaire est attendu ici"),
    ("expected a mapping for merging", "« << » attend un dictionnaire"),
    ("expected a mapping or list of mappings for merging", "« << » attend un dictionnaire ou une liste de dictionnaires"),
    ("expected a mapping of length 1", "!!omap ou !!pairs attend des dictionnaires d'une seule clé"),
    ("expected a sequence", "une liste est attendue ici"),
]


def french(problem: str) -> str:
    for english, french in _PROBLEMS:
        if problem.startswith(english) or english in problem:
            return french
    return "syntaxe incorrecte"
