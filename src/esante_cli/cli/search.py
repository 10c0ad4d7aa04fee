"""`esante search` (find any record, whatever the spelling) and `esante show` (one record's card)."""

from typing import Annotated, List, Optional

import typer

from esante_cli.cli import completion
from esante_cli.cli.app import (
    CsvOption,
    DataDirOption,
    FromOption,
    JsonOption,
    LimitOption,
    PagerOption,
    WithOption,
    app,
    check_limit,
    check_output,
    handle_errors,
    open_catalog,
)
from esante_cli.cli.app import FormatOption, OutputOption
from esante_cli.errors import EsanteError, ExitCode

QueryArgument = Annotated[
    Optional[List[str]], typer.Argument(metavar="REQUÊTE", help="Mots cherchés, un identifiant ou un code.", show_default=False)
]
RecordArgument = Annotated[
    Optional[List[str]],
    typer.Argument(
        metavar="ID",
        help="Identifiant, code (H1206, MET.602) ou mots désignant un enregistrement.",
        show_default=False,
        autocompletion=completion.any_record,
    ),
]
TypeOption = Annotated[
    Optional[List[str]],
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        help="Ne chercher que ce type : métier, formation, compétence, secteur (ou career, training, skill, sector). Répétable.",
        show_default=False,
        autocompletion=completion.search_type,
    ),
]
_MAX_MATCH_TEXT = 40


def _query(words: Optional[List[str]]) -> str:
    """The words as one query; a usage error (before loading any data) when nothing is left."""
    from esante_cli.explore.search import EMPTY_QUERY, MAX_QUERY_CHARS
    from esante_cli.catalog.folding import fold

    query = " ".join(words or [])
    if not fold(query[:MAX_QUERY_CHARS]):
        raise EsanteError(EMPTY_QUERY, code=ExitCode.USAGE)
    return query


def _matched(hit) -> str:  # noqa: ANN001 - a search.Hit
    """Why a hit matched: the field, and the value when it is not the name shown beside it."""
    if not hit.text or hit.text == hit.record.name or hit.field in ("titre", "nom", "description", "missions"):
        return hit.field
    text = " ".join(hit.text.split())
    if len(text) > _MAX_MATCH_TEXT:
        text = text[: _MAX_MATCH_TEXT - 1].rstrip() + "…"
    return f"{hit.field} : {text}"


@app.command()
@handle_errors
def search(
    query: QueryArgument = None,
    kind: TypeOption = None,
    limit: LimitOption = 10,
    start: FromOption = None,
    json: JsonOption = False,
    csv: CsvOption = False,
    output: OutputOption = None,
    fmt: FormatOption = None,
    pager: PagerOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Cherche un métier, une formation, une compétence ou un secteur, même mal orthographié.

    Sans accents, avec des fautes de frappe, des mots partiels ou dans le désordre ; un code ROME
    (H1206), ONISEP (MET.602, FOR.12046) ou un identifiant donne directement la fiche correspondante.
    Code de sortie 1 si rien n'est trouvé (avec des suggestions), ou si le mot principal est hors
    du catalogue (« cuisine », « pharmacien ») : message, pistes proches, où chercher ailleurs
    (docs/search.md). --from (ou les mots « lycéen », « en reconversion »…) met d'abord ce qui
    vous est accessible ; les postes atteints après expérience viennent après, signalés. Avec
    --output, écrit les résultats dans un classeur (.xlsx), un CSV ou du JSON.

    Exemple : esante search imagerie --type métier
    """
    from esante_cli.present import answer_text, cards, outside_text, render
    from esante_cli.explore.understand import from_option as understood_from
    from esante_cli.explore.query import find
    from esante_cli.explore.search import parse_kind

    text = _query(query)
    check_limit(limit)
    check_output(json, csv)
    from esante_cli.cli.app import file_format

    to_file = file_format(output, fmt, json, csv)
    if to_file is not None:
        json = csv = False
    kinds = list(dict.fromkeys(parse_kind(k) for k in kind)) if kind else None
    catalog = open_catalog(data_dir, extra)
    asker = understood_from(start, catalog)
    answer = find(catalog, text, kinds=kinds, limit=limit + 1, asker=asker)  # one more: are there others?
    more = len(answer.hits) > limit
    hits = answer.hits[:limit]
    if answer.outside is not None:
        if csv:
            render.emit_csv(CSV_COLUMNS, [])  # the header, as for any search that finds nothing
        raise outside_text.error(
            answer.outside, "search", tuple(answer_text.hint_lines(answer)), results=[hit_json(h, catalog) for h in hits], understood=answer.to_dict()
        )
    # A query that only names a command (« salaire ») is answered by the hint, not an error.
    pointed = not hits and answer.hints and not answer.understood.concepts
    if json and (hits or pointed):
        understood = answer.to_dict()
        render.emit_json([{**hit_json(h, catalog), "understood": understood} for h in hits])
    elif csv:
        render.emit_csv(CSV_COLUMNS, (csv_row(h, catalog) for h in hits))
    if not hits and not pointed:
        raise answer_text.not_found(catalog, answer, kinds)
    if json or csv:
        return
    if to_file is not None and hits:
        from esante_cli.cli.output import write
        from esante_cli.present import sheets

        understood = answer.to_dict()
        write(output, to_file, lambda: sheets.search_sheet(catalog, hits),  # type: ignore[arg-type]
              lambda: [{**hit_json(h, catalog), "understood": understood} for h in hits])
        return
    if pointed:  # the hints are the answer
        for line in answer_text.explain(answer) + answer_text.notes(catalog, answer):
            render.prose(line)
        return
    # What was understood and the hints go to stderr: stdout stays the table, for pipes.
    for line in answer_text.explain(answer):
        render.note(line)
    caption = f"Fiche complète : {render.command('show')} {hits[0].record.id}"
    if more:
        caption += (f"\nLes {limit} premiers résultats ; d'autres suivent : "
                    + render.spoken(f"esante search {' '.join(render.shell_quote(w) for w in text.split())} --limit {limit * 2}"))
    table = render.Table(
        columns=["type", "nom (identifiant)", "repère", "correspondance"],
        caption=caption,
        blocks=1,
        subdued={1},
    )
    for h in hits:  # the id under the name, dim: the name is what people read, the id what they copy
        table.add(h.record.label, f"{h.record.name}\n{h.record.id}", cards.key_fact(h.record, catalog), _matched(h))
    with render.paged(pager):
        render.print_table(table)
    for line in answer_text.notes(catalog, answer):
        render.note(line)


def hit_json(hit, catalog=None) -> dict:  # noqa: ANN001 - a search.Hit, a Catalog
    """`search --json`: one object per hit, with the key facts of its kind (null when unknown)."""
    from esante_cli.present import cards

    return {
        "kind": hit.record.kind,
        "id": hit.record.id,
        "name": hit.record.name,
        "score": hit.score,
        "matched_field": hit.field,
        "matched_text": hit.text or None,
        **cards.key_facts(hit.record, catalog),
    }


# `search --csv`: the JSON fields flattened; a column that does not apply to a row's kind is empty.
CSV_COLUMNS = [
    "kind", "id", "name", "score", "matched_field", "matched_text",
    "entry_level", "salary_yearly_min", "salary_yearly_max", "salary_min", "salary_max", "salary_period",
    "salary_pay", "salary_year",
    "institution", "city", "duration_value", "duration_unit", "exit_level", "category",
]  # fmt: skip


def csv_row(hit, catalog=None) -> list:  # noqa: ANN001 - a search.Hit, a Catalog
    data = hit_json(hit, catalog)
    salary = data.pop("salary", None) or {}
    duration = data.pop("duration", None) or {}
    data.update(
        salary_min=salary.get("min"),
        salary_max=salary.get("max"),
        salary_yearly_min=salary.get("yearly_min"),
        salary_yearly_max=salary.get("yearly_max"),
        salary_period=salary.get("period"),
        salary_pay=salary.get("pay"),
        salary_year=salary.get("year"),
        duration_value=duration.get("value"),
        duration_unit=duration.get("unit"),
    )
    return [data.get(column) for column in CSV_COLUMNS]


@app.command()
@handle_errors
def show(
    query: RecordArgument = None,
    json: JsonOption = False,
    pager: PagerOption = False,
    data_dir: DataDirOption = None,
    extra: WithOption = None,
) -> None:
    """Affiche la fiche complète d'un métier, d'une formation, d'une compétence ou d'un secteur.

    Accepte un identifiant exact, un code (H1206, MET.602) ou une requête dont le meilleur
    résultat est nettement en tête ; sinon, liste les candidats et sort avec le code 1.
    L'identifiant d'une source (esante sources) affiche la source : date, adresse, note.

    Exemple : esante show ingenieur-imagerie-medicale
    """
    from esante_cli.present import cards, render
    from esante_cli.explore.designate import designate

    text = _query(query)
    catalog = open_catalog(data_dir, extra)
    from esante_cli.catalog.sources import mistyped

    source = catalog.source(text.strip()) if catalog.get(text.strip()) is None else None
    near = None if source is not None else mistyped(catalog, text)
    if near is not None:  # « cgos-tim-metier-recnt »: the source meant, not a record matching its words
        from esante_cli.errors import EsanteError, ExitCode

        raise EsanteError(
            f"aucune fiche ni source « {text.strip()[:80]} » ; vouliez-vous dire la source « {near} » ?\n"
            f"Pour l'afficher : {render.command('show')} {near}",
            code=ExitCode.NOT_FOUND,
        )
    if source is not None:  # a registry id, as `esante sources` lists them: the source itself
        if json:
            render.emit_json(cards.source_json(catalog, source))
            return
        with render.paged(pager):
            render.print_card(cards.source_card(catalog, source))
        return
    record = designate(catalog, text)
    if json:
        render.emit_json(cards.show_json(catalog, record))
        return
    with render.paged(pager):
        render.print_card(cards.card(catalog, record))
