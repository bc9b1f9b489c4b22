"""Page generation, independent of MkDocs: numbering, back-links, history, scale."""

import re
import subprocess
import sys

from conftest import ROOT, TODAY, make_root

from mbc.build import run_mkdocs
from mbc.pages import generate_pages
from mbc.validate import validate


def pages_of(root):
    return generate_pages(validate(root, TODAY), root)


def test_citations_are_numbered_in_order_of_first_use(valid_root):
    page = pages_of(valid_root)["trials/cleopatra.md"]
    first, second = page.index('href="#ref-1"'), page.index('href="#ref-2"')
    assert first < second
    references = page[page.index("## References"):]
    assert references.index("Pertuzumab plus trastuzumab plus docetaxel") < references.index("Pertuzumab, trastuzumab, and docetaxel")
    assert references.count('<span id="ref-') == 2  # swain2015 cited twice, listed once


def test_references_link_out_by_identifier(valid_root):
    page = pages_of(valid_root)["trials/cleopatra.md"]
    assert "(https://doi.org/10.1056/NEJMoa1113216)" in page
    assert "(https://pubmed.ncbi.nlm.nih.gov/22149875)" in page
    assert "(https://pmc.ncbi.nlm.nih.gov/articles/PMC5705202)" in page
    assert "(https://clinicaltrials.gov/study/NCT00567190)" in page


def test_drug_page_lists_trials_by_back_link(valid_root):
    pages = pages_of(valid_root)
    assert "[CLEOPATRA](../trials/cleopatra.md)" in pages["drugs/pertuzumab.md"]
    assert "[HER2-positive first line](../pathways/her2-first-line.md)" in pages["drugs/pertuzumab.md"]


def test_superseded_result_is_marked_and_kept(valid_root):
    trial = valid_root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text().replace("    note: Sensitivity", "    supersedes: [primary-pfs]\n    note: Sensitivity"))
    page = pages_of(valid_root)["trials/cleopatra.md"]
    assert "Superseded by a later analysis" in page and "#result-final-os" in page
    assert "{#result-primary-pfs}" in page


def test_unverified_reference_is_flagged(valid_root):
    bib = valid_root / "evidence/references.bib"
    bib.write_text(bib.read_text().replace("  verified_on = {2026-11-21},\n", "", 1))
    evidence = validate(valid_root, TODAY)
    assert [p.rule for p in evidence.problems] == ["BIB-UNVERIFIED"] and not evidence.errors
    page = generate_pages(evidence, valid_root)["references.md"]
    assert page.count("mbc-unverified") == 1


def test_bibliography_lists_citing_pages(valid_root):
    page = pages_of(valid_root)["references.md"]
    entry = page[page.index('id="swain2015"'):]
    assert "Cited by:" in entry and "[CLEOPATRA](trials/cleopatra.md)" in entry


def test_pathway_outline_holds_every_node(valid_root):
    page = pages_of(valid_root)["pathways/her2-first-line.md"]
    for node in ("start", "prior", "thp", "note", "later"):
        assert f'id="node-{node}"' in page


def test_generate_command_writes_pages_without_mkdocs(valid_root, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "mbc", "--root", str(valid_root), "generate", str(out)],
                            capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "scripts")})
    assert result.returncode == 0, result.stderr
    assert (out / "trials/cleopatra.md").exists() and (out / "export/evidence.json").exists()
    assert (out / "drugs/index.md").read_text().count("../drugs/") == 2


def _add_synthetic_trials(root, count):
    template = (root / "evidence/trials/cleopatra.yaml").read_text()
    for i in range(count):
        text = template.replace("id: cleopatra", f"id: synthetic-{i:04d}").replace("acronym: CLEOPATRA", f"acronym: SYN-{i:04d}")
        (root / f"evidence/trials/synthetic-{i:04d}.yaml").write_text(text)


def test_record_page_size_does_not_grow_with_the_corpus(tmp_path):
    """The navigation lists sections, not records, so a record's page is the same size at any scale."""
    sizes = []
    for count in (5, 60):
        root = make_root(tmp_path / f"project{count}")
        _add_synthetic_trials(root, count)
        site = tmp_path / f"site{count}"
        assert run_mkdocs(root, site) == 0
        sizes.append(len((site / "trials/synthetic-0001.html").read_bytes()))
    assert sizes[0] == sizes[1]


def test_every_node_is_in_outline_and_diagram_and_every_named_record_linked():
    """On the project's own pathways: each step is a box, each note hangs on one, each named record is a link."""
    evidence = validate(ROOT)
    pages = generate_pages(evidence, ROOT)
    for pathway in evidence.corpus.records["pathways"].values():
        page = pages[f"pathways/{pathway.id}.md"]
        start = page.index('<div class="mbc-diagram"')
        diagram = page[start:page.index("</svg>", start)]
        for node in pathway.model.nodes:
            assert f'id="node-{node.id}"' in page, f"{pathway.id}: node {node.id} missing from the outline"
            drawn = f'data-node="{node.id}"' in diagram or re.search(rf'data-notes="[^"]*\b{node.id}\b', diagram)
            assert drawn, f"{pathway.id}: node {node.id} missing from the diagram"
            named = [("drugs", d) for d in getattr(node, "drugs", [])] + [("trials", t) for t in getattr(node, "trials", [])]
            named += [("subtypes", s) for s in getattr(node, "subtypes", [])]
            named += [("pathways", node.pathway)] if node.type == "link" else []
            for kind, record_id in named:
                assert f"](../{kind}/{record_id}.md)" in page


def test_subtype_pages_link_their_pathways():
    evidence = validate(ROOT)
    pages = generate_pages(evidence, ROOT)
    for pathway in evidence.corpus.records["pathways"].values():
        for subtype in pathway.model.subtypes:
            assert f"](../pathways/{pathway.id}.md)" in pages[f"subtypes/{subtype}.md"]


def test_biomarker_page_shows_testing_and_options_with_back_links(valid_root):
    pages = pages_of(valid_root)
    page = pages["biomarkers/her2.md"]
    for heading in ("## Who is tested", "## When", "## Sample", "## Assays and cut-offs", "## Options the result opens"):
        assert heading in page
    assert "[Pertuzumab](../drugs/pertuzumab.md)" in page and "[CLEOPATRA](../trials/cleopatra.md)" in page
    assert "[HER2](../biomarkers/her2.md)" in pages["drugs/pertuzumab.md"]
    assert "[HER2](../biomarkers/her2.md)" in pages["trials/cleopatra.md"]
    assert "[HER2](../biomarkers/her2.md)" in pages["subtypes/her2-positive.md"]
    index = pages["biomarkers/index.md"]
    assert "[HER2](../biomarkers/her2.md)" in index
    assert "[Pertuzumab](../drugs/pertuzumab.md), [Trastuzumab](../drugs/trastuzumab.md)" in index


def test_pubmed_label_on_another_host_is_not_verified(valid_root):
    bib = valid_root / "evidence/references.bib"
    bib.write_text(bib.read_text().replace("https://pmc.ncbi.nlm.nih.gov/articles/PMC5705202", "http://mirror.example/PMC5705202"))
    evidence = validate(valid_root, TODAY)
    assert [(p.rule, p.line) for p in evidence.problems] == [("BIB-UNVERIFIED", 13)] and not evidence.errors
    assert "not a PMC page" in evidence.problems[0].message
    assert generate_pages(evidence, valid_root)["references.md"].count("mbc-unverified") == 1


def test_drug_and_subtype_pages_summarise_current_results(valid_root):
    pages = pages_of(valid_root)
    row = next(line for line in pages["drugs/pertuzumab.md"].splitlines() if line.startswith("| [CLEOPATRA]"))
    assert "PFS 18.5 vs 12.4 months, HR 0.62 &#40;0.51 to 0.75&#41;" in row and "OS " in row
    trial = valid_root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text().replace("    note: Sensitivity", "    supersedes: [primary-pfs]\n    note: Sensitivity"))
    pages = pages_of(valid_root)
    for page in ("drugs/pertuzumab.md", "subtypes/her2-positive.md"):
        row = next(line for line in pages[page].splitlines() if line.startswith("| [CLEOPATRA]"))
        assert "PFS 18.5" not in row and "OS " in row and 'href="#ref-' in row
    assert "18.5" in pages["trials/cleopatra.md"]  # the superseded analysis stays on the trial page


def test_organisation_authors_and_accents_are_printed_as_written(valid_root):
    bib = valid_root / "evidence/references.bib"
    bib.write_text(bib.read_text() + """
@misc{fdalabel,
  author = {{U.S. Food and Drug Administration}},
  title = {Example label},
  year = {2020},
  url = {https://www.accessdata.fda.gov/label.pdf},
  verified_source = {regulator},
  verified_url = {https://www.accessdata.fda.gov/label.pdf},
  verified_on = {2026-11-01},
}
""")
    drug = valid_root / "evidence/drugs/pertuzumab.yaml"
    drug.write_text(drug.read_text().replace("status: draft", 'regulatory:\n  - {agency: FDA, date: "2012", event: approval, '
                                                             "indication: First line, cites: [fdalabel]}\nstatus: draft"))
    page = pages_of(valid_root)["references.md"]
    assert '<span id="fdalabel"></span>U.S. Food and Drug Administration. ' in page
    assert "Baselga J, Cortés J" in page


def test_whats_new_lists_the_last_year_before_the_snapshot_and_the_watch_list(valid_root):
    drug = valid_root / "evidence/drugs/pertuzumab.yaml"
    drug.write_text(drug.read_text().replace("status: draft", "regulatory:\n"
                    "  - {agency: EMA, date: 2026-03, event: approval, indication: Recent indication, cites: [baselga2012]}\n"
                    "  - {agency: FDA, date: 2012-06-08, event: approval, indication: Old indication, cites: [baselga2012]}\n"
                    "status: draft"))
    page = pages_of(valid_root)["whats-new.md"]
    new, _, upcoming = page.partition("## What's next")
    assert "Recent indication" in new and "Old indication" not in new
    assert "2027-06" in upcoming and "longer follow-up of CLEOPATRA" in upcoming
