"""`mbc new`: start a record from its kind's annotated template, or a reference from its DOI or PMID.

Nothing is fetched: the reference skeleton holds the identifier and empty fields, and the
validator then lists what is still to fill in, so every field is checked by a person.
"""

import re
import sys
from datetime import date
from pathlib import Path

import bibtexparser
from bibtexparser.model import Entry, Field

from .bibliography import BIB_PATH, ID_PATTERNS
from .fix import ID_PREFIXES
from .kinds import Kind, kinds
from .schema.base import SLUG_PATTERN

ARTICLE_FIELDS = ("author", "title", "journal", "year", "volume", "number", "pages", "doi", "pmid", "pmcid")
VERIFICATION = ("verified_source", "verified_url", "verified_on")


class NewError(Exception):
    """Why nothing was written, said to the editor."""


def _identifier(name: str, value: str) -> str:
    """The bare identifier, also when pasted as an address (https://doi.org/10...)."""
    found = ID_PREFIXES[name].match(value.strip())
    bare = found.group(1) if found else value.strip()
    if not ID_PATTERNS[name].match(bare):
        raise NewError(f"'{value}' is not a {name.upper()}")
    return bare


def reference_skeleton(key: str, doi: str | None, pmid: str | None) -> str:
    """A BibTeX @article with the identifier filled in and every other field empty, to complete from the source."""
    known = {"doi": doi or "", "pmid": pmid or ""}
    fields = [Field(name, known.get(name, "")) for name in ARTICLE_FIELDS + VERIFICATION]
    layout = bibtexparser.BibtexFormat()
    layout.indent = "  "
    return bibtexparser.write_string(bibtexparser.Library([Entry("article", key, fields)]), bibtex_format=layout)


def new_reference(root: Path, key: str | None, doi: str | None, pmid: str | None) -> tuple[str, str]:
    """Append the skeleton to the bibliography; return the key and where to check the fields."""
    doi = _identifier("doi", doi) if doi else None
    pmid = _identifier("pmid", pmid) if pmid else None
    key = key or (f"pmid{pmid}" if pmid else "doi" + re.sub(r"[^a-z0-9]+", "", doi.lower().split("/", 1)[1])[:24])
    path = root / BIB_PATH
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    for entry in bibtexparser.parse_string(text).entries:
        if entry.key == key:
            raise NewError(f"{BIB_PATH} already has an entry '{key}'")
        for name, value in (("doi", doi), ("pmid", pmid)):
            if value and entry.fields_dict.get(name) and str(entry[name]).strip().lower() == value.lower():
                raise NewError(f"{BIB_PATH} already has this {name.upper()}: cite it as [@{entry.key}]")
    with open(path, "a", encoding="utf-8") as bib:
        bib.write(("\n" if text and not text.endswith("\n\n") else "") + reference_skeleton(key, doi, pmid))
    source = f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else f"https://doi.org/{doi}"
    return key, source


def find_kind(name: str) -> Kind:
    """A kind by its folder or singular name: `trials` or `trial`."""
    for kind in kinds().values():
        if name in (kind.folder, kind.singular):
            return kind
    raise NewError(f"unknown kind '{name}'; one of: reference, " + ", ".join(k.singular for k in kinds().values()))


def new_record(root: Path, kind: Kind, record_id: str, today: date) -> Path:
    """Write evidence/<folder>/<id>.yaml from the kind's annotated template, with its id and today's date."""
    if not re.match(SLUG_PATTERN, record_id or ""):
        raise NewError(f"'{record_id}' is not an id: use lowercase letters, digits and hyphens, e.g. destiny-breast03")
    target = root / "evidence" / kind.folder / f"{record_id}.yaml"
    if target.exists():
        raise NewError(f"{target.relative_to(root)} already exists: edit it, or choose another id")
    text = (root / kind.record_template).read_text(encoding="utf-8")
    # The template keeps its $schema line (the same ../../schemas/ path from evidence/<folder>/) and comments.
    for name, value in (("id", record_id), ("last_reviewed", today.isoformat())):
        # Padded to the example's width, so the comments beside the fields stay aligned.
        text = re.sub(rf"(?m)^{name}:[ \t]*[^\s#]+[ \t]*", lambda m: f"{name}: {value} ".ljust(len(m.group(0))), text, count=1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def required_fields(kind: Kind) -> list[tuple[str, str]]:
    """The fields an editor must write, with what each holds."""
    return [(name, info.description or "") for name, info in kind.model.model_fields.items()
            if info.is_required() and name != "id"]


def print_new(args) -> int:
    """`mbc new reference ...` or `mbc new <kind> <id>`; on any refusal nothing is written."""
    if args.kind == "reference":
        return print_new_reference(args)
    try:
        if args.doi or args.pmid:
            raise NewError("--doi and --pmid start a reference: `mbc new reference --doi ...`")
        kind = find_kind(args.kind)
        target = new_record(args.root, kind, args.id, date.today())
    except NewError as error:
        print(f"mbc new: {error}; nothing was written", file=sys.stderr)
        return 1
    fields = "\n".join(f"  {name}: {description}" for name, description in required_fields(kind))
    print(f"wrote {target.relative_to(args.root)} from {kind.record_template}.\n"
          f"Every value in it is the template's example: replace each with this {kind.singular}'s own, from its sources,\n"
          f"and delete the optional fields it does not need. Required:\n{fields}\n"
          f"Then `make validate`; `make serve` shows the page.", file=sys.stderr)
    return 0


def print_new_reference(args) -> int:
    try:
        if not (args.doi or args.pmid):
            raise NewError("give the paper's --doi or --pmid")
        key, source = new_reference(args.root, args.id, args.doi, args.pmid)
    except NewError as error:
        print(f"mbc new reference: {error}; nothing was written", file=sys.stderr)
        return 1
    print(f"added @article{{{key}}} to {BIB_PATH}. Fill in from {source}:\n"
          f"  author, title, journal, year, volume, number, pages, and the other identifiers (doi, pmid, pmcid) it shows;\n"
          f"  then how you checked them: verified_source (PubMed, PMC, journal, ...), verified_url (the page you read)\n"
          f"  and verified_on (today, YYYY-MM-DD). Rename the key to first author + year (e.g. baselga2012) if you like.\n"
          f"  `make validate` lists what is still empty.", file=sys.stderr)
    return 0
