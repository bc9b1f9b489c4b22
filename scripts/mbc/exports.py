"""Downloads beside the JSON export: CSV tables of the records, and the bibliography as
BibTeX, RIS and CSL-JSON, each written with the library of its format.

Every table and file is sorted and carries no timestamp, so builds stay byte for byte
reproducible. The same writers produce the per-page reference files of "Cite this page".
"""

import csv
import io
import json
import typing
from datetime import date
from functools import lru_cache
from pathlib import Path

import bibtexparser
import rispy
from pydantic import BaseModel

from .bibliography import BIB_PATH, Reference
from .export import export_json
from .kinds import kinds
from .reference_format import csl_item
from .results import superseded_by
from .validate import Evidence

EXPORT_DIR = "export"
RESULT_COLUMNS = ["trial", "acronym", "result", "endpoint", "analysis", "published", "source", "n", "hazard_ratio",
                  "hr_ci_low", "hr_ci_high", "p_value", "superseded_by", "arm", "arm_label", "control", "arm_n",
                  "median", "unit", "median_ci_low", "median_ci_high", "rate"]
REGULATORY_COLUMNS = ["drug", "name", "agency", "date", "event", "indication", "cites"]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return value.isoformat() if isinstance(value, date) else str(value)


def csv_text(header: list[str], rows: list[list]) -> str:
    """A CSV table (RFC 4180: quoted where needed, CRLF line ends), cells written by _cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return out.getvalue()


def _holds_model(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_model(arg) for arg in typing.get_args(annotation))


def flat_columns(model: type[BaseModel]) -> list[str]:
    """The fields of a kind that fit a table cell: values and lists of values, not nested items."""
    return [name for name, info in model.model_fields.items() if not _holds_model(info.annotation)]


def kind_table(records: dict, model: type[BaseModel]) -> str:
    """One row per record of a kind; nested items (results, events, nodes) have their own tables or none."""
    columns = flat_columns(model)
    return csv_text(columns, [[getattr(r.model, name) for name in columns] for _, r in sorted(records.items())])


def results_table(trials: dict) -> str:
    """One row per arm of each result (a result without arms has one row), so every number has its cell."""
    rows = []
    for _, trial in sorted(trials.items()):
        model = trial.model
        arms = {arm.id: arm for arm in model.arms}
        replaced = superseded_by(model)
        for result in sorted(model.results, key=lambda r: (r.published, r.id)):
            hr = result.hazard_ratio
            head = [model.id, model.acronym, result.id, result.endpoint, result.analysis, result.published, result.source,
                    result.n, hr and hr.value, hr and hr.ci_low, hr and hr.ci_high, result.p_value, replaced.get(result.id)]
            for o in result.arms or [None]:
                arm = arms.get(o.arm) if o else None
                rows.append(head + ([o.arm, arm.label if arm else None, arm.control if arm else None, o.n, o.median, o.unit,
                                     o.ci_low, o.ci_high, o.rate] if o else [None] * 9))
    return csv_text(RESULT_COLUMNS, rows)


def regulatory_table(drugs: dict) -> str:
    rows = [[drug.id, drug.model.name, e.agency, e.date, e.event, e.indication, e.cites]
            for _, drug in sorted(drugs.items()) for e in sorted(drug.model.regulatory, key=lambda e: (e.date, e.agency, e.event))]
    return csv_text(REGULATORY_COLUMNS, rows)


def bibtex_entries(root: Path) -> dict[str, bibtexparser.model.Entry]:
    """The source entries as bibtexparser read them, LaTeX and the braces that protect capitals
    ({HER2}) kept as written: the BibTeX downloads are the bibliography itself, not a rendering."""
    return _parsed_bibtex((root / BIB_PATH).read_text(encoding="utf-8"))


@lru_cache(maxsize=2)  # read by the exports and the citation files of every build and preview edit; read-only
def _parsed_bibtex(text: str) -> dict[str, bibtexparser.model.Entry]:
    return {entry.key: entry for entry in bibtexparser.parse_string(text).entries}


def bibtex(entries: list[bibtexparser.model.Entry]) -> str:
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "
    layout.block_separator = "\n"
    return bibtexparser.write_string(bibtexparser.Library(entries), bibtex_format=layout)


def bibtex_joined(entries: list[bibtexparser.model.Entry]) -> str:
    """bibtex(entries), with each entry written once per process: the citation files repeat the same
    references page after page, and the preview writes them all again at every edit. Entries written
    apart and joined by a blank line are what bibtexparser writes for them together (a test checks)."""
    return "\n".join(_entry_bibtex(e.entry_type, e.key, tuple((f.key, f.value) for f in e.fields)) for e in entries)


@lru_cache(maxsize=10_000)
def _entry_bibtex(entry_type: str, key: str, fields: tuple) -> str:
    return bibtex([bibtexparser.model.Entry(entry_type, key, [bibtexparser.model.Field(k, v) for k, v in fields])])


def _pages(ref: Reference) -> tuple[str, str]:
    start, _, end = ref.get("pages").replace("--", "-").replace("–", "-").partition("-")
    return start.strip(), end.strip()


def ris_entry(ref: Reference) -> dict:
    """One reference as a rispy entry: a journal article (JOUR) or a web page (ELEC)."""
    entry = {"type_of_reference": "JOUR" if ref.entry_type == "article" else "ELEC", "id": ref.key,
             "authors": [f"{a.family}, {a.given}" if a.given else a.family for a in ref.authors],
             "title": ref.get("title"), "year": ref.get("year")}
    optional = {"secondary_title": ref.get("journal") or ref.get("howpublished"), "volume": ref.get("volume"),
                "number": ref.get("number"), "doi": ref.get("doi"), "accession_number": ref.get("pmid")}
    start, end = _pages(ref)
    optional |= {"start_page": start, "end_page": end}
    entry |= {name: value for name, value in optional.items() if value}
    if ref.get("url"):
        entry["urls"] = [ref.get("url")]
    # RIS is one value per line: a line break inside a value would end it early.
    return {name: [" ".join(v.split()) for v in value] if isinstance(value, list) else " ".join(value.split())
            for name, value in entry.items()}


class _RisWriter(rispy.RisWriter):
    """rispy numbers each entry on a line of its own ("1."); reference managers expect TY first."""

    def set_header(self, count: int) -> str:
        return ""


def ris(references: list[Reference], first: dict | None = None) -> str:
    """The references as RIS; first, if given, is an entry written before them (a page citing itself)."""
    return rispy.dumps(([first] if first else []) + [ris_entry(ref) for ref in references], implementation=_RisWriter)


def csl_json(references: list[Reference]) -> str:
    """CSL-JSON from the same items citeproc formats the site's references with, plus the PubMed ids
    and without the "et al." placeholder, which a reference manager would import as an author."""
    items = []
    for ref in references:
        item = csl_item(ref)
        item["author"] = [name for name in item["author"] if name != {"literal": "et al."}]
        item |= {csl: ref.get(bib) for csl, bib in (("PMID", "pmid"), ("PMCID", "pmcid")) if ref.get(bib)}
        items.append(item)
    return json.dumps(items, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def data_exports(evidence: Evidence, root: Path) -> dict[str, str]:
    """Every file of the export folder: path -> content."""
    corpus = evidence.corpus
    references = sorted(evidence.bibliography.references.values(), key=lambda r: r.key)
    files = {f"{EXPORT_DIR}/evidence.json": export_json(evidence)}
    files |= {f"{EXPORT_DIR}/{kind}.csv": kind_table(records, kinds()[kind].model) for kind, records in corpus.records.items()}
    files[f"{EXPORT_DIR}/results.csv"] = results_table(corpus.records["trials"])
    files[f"{EXPORT_DIR}/regulatory-events.csv"] = regulatory_table(corpus.records["drugs"])
    files[f"{EXPORT_DIR}/references.bib"] = bibtex_joined([entry for _, entry in sorted(bibtex_entries(root).items())])
    files[f"{EXPORT_DIR}/references.ris"] = ris(references)
    files[f"{EXPORT_DIR}/references.json"] = csl_json(references)
    return files
