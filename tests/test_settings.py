"""Settings on the site: the options table, the forest plot and its table, regulatory status from
the drug records, trial histories, back-links both ways, the vocabulary, the finder and the export."""

import html
import json
import os
import subprocess
import sys

import lxml.html
from conftest import ROOT, TODAY, make_root
from test_rules import PATHWAY, SETTING, replace

from mbc.export import export_json
from mbc.pages import generate_pages
from mbc.validate import validate

FOREST = "settings/her2-positive-first-line-forest.svg"
HISTORY = "trials/cleopatra-history.svg"


def pages_of(root):
    return generate_pages(validate(root, TODAY), root)


def text_of(markdown: str) -> str:
    """The page as a reader reads it: entities decoded, tags kept."""
    return html.unescape(markdown)


def test_the_options_table_holds_the_numbers_of_the_trial_and_drug_records(valid_root):
    page = text_of(pages_of(valid_root)["settings/her2-positive-first-line.md"])
    row = next(line for line in page.splitlines() if 'data-option="pertuzumab-trastuzumab-docetaxel"' in line)
    cells = [cell.strip() for cell in row.strip("|").split(" | ")]
    assert "vs Placebo + trastuzumab + docetaxel" in cells[0]  # the comparator is the trial's control arm
    assert "new since 2026-11-01" in cells[0]  # added within 12 months of the snapshot
    assert cells[1:4] == ["[CLEOPATRA](../trials/cleopatra.md)", "3", "808"]
    assert cells[4].startswith("18.5 vs 12.4 months; HR 0.62 (0.51 to 0.75) <sup")
    assert cells[5].startswith("56.5 vs 40.8 months; HR 0.68 (0.56 to 0.84) <sup")
    assert cells[6] == "I"
    # US status: the latest FDA decision on the first drug that names this setting; none from the EMA.
    assert '<span class="mbc-reg mbc-reg-approved">approved</span> 2012-06 <sup' in cells[7]
    assert cells[8] == "no decision recorded"


def test_an_option_older_than_a_year_is_not_new_and_a_withdrawal_shows(tmp_path):
    root = make_root(tmp_path / "project")
    replace(SETTING, "    added: 2026-11-01", "    added: 2025-10-01")(root)
    replace("evidence/drugs/trastuzumab.yaml", "  - {agency: FDA, date: 2012-06",
            "  - {agency: FDA, date: 2014-01, event: withdrawal, indication: Withdrawn, cites: [swain2015], "
            "settings: [her2-positive-first-line]}\n  - {agency: FDA, date: 2012-06")(root)
    page = text_of(pages_of(root)["settings/her2-positive-first-line.md"])
    assert "new since" not in page
    assert '<span class="mbc-reg mbc-reg-withdrawn">withdrawn</span> 2014-01' in page


def test_the_forest_plot_is_svg_with_text_as_text_and_the_same_numbers_in_a_table(valid_root):
    pages = pages_of(valid_root)
    svg = pages[FOREST]
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "PFS: hazard ratio (95% CI)" in svg and "OS: hazard ratio (95% CI)" in svg
    assert "n=808" in svg and "Pertuzumab + trastuzumab + docetaxel (CLEOPATRA)" in svg
    assert "<dc:date>" not in svg  # no build date: reproducible bytes
    page = text_of(pages["settings/her2-positive-first-line.md"])
    assert "](her2-positive-first-line-forest.svg){ .mbc-forest }" in page
    assert "| Pertuzumab + trastuzumab + docetaxel (CLEOPATRA) | PFS | 0.62 | 0.51 to 0.75 | 808 |" in page
    assert "| Pertuzumab + trastuzumab + docetaxel (CLEOPATRA) | OS | 0.68 | 0.56 to 0.84 |" in page


def test_a_superseded_analysis_is_left_out_of_the_forest_plot(tmp_path):
    """The option lists the interim and the final OS; only the final one is plotted and tabled."""
    root = make_root(tmp_path / "project")
    replace("evidence/trials/cleopatra.yaml", "    note: Sensitivity analyses",
            "    supersedes: [interim-os]\n    note: Sensitivity analyses")(root)
    replace("evidence/trials/cleopatra.yaml", "status: draft\n",
            "  - {id: interim-os, analysis: Interim OS, endpoint: OS, published: 2013-04, source: [swain2015], "
            "checked_against: [swain2015], hazard_ratio: {value: 0.66, ci_low: 0.52, ci_high: 0.84}}\nstatus: draft\n")(root)
    replace(SETTING, "[primary-pfs, final-os]", "[primary-pfs, interim-os, final-os]")(root)
    pages = pages_of(root)
    assert "0.66" not in text_of(pages["settings/her2-positive-first-line.md"]).split("## References")[0]
    assert ">0.66<" not in pages[FOREST]
    history = pages[HISTORY]
    assert "OS interim-os (superseded)" in history and "OS final-os" in history


def test_plots_are_identical_across_two_builds(tmp_path):
    """Two separate processes (fresh hash seeds) write the same SVG bytes."""
    root = make_root(tmp_path / "project")
    outputs = []
    for run in ("one", "two"):
        out = tmp_path / run
        env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), PYTHONHASHSEED="random")
        result = subprocess.run([sys.executable, "-m", "mbc", "--root", str(root), "generate", str(out)], env=env,
                                capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        outputs.append({path.name: path.read_bytes() for path in sorted(out.rglob("*.svg"))})
    assert set(outputs[0]) == {"her2-positive-first-line-forest.svg", "cleopatra-history.svg"}
    assert outputs[0] == outputs[1]


def test_trial_page_plots_its_results_over_time(valid_root):
    pages = pages_of(valid_root)
    assert "](cleopatra-history.svg){ .mbc-history }" in pages["trials/cleopatra.md"]
    assert "PFS primary-pfs" in pages[HISTORY] and "OS final-os" in pages[HISTORY]


def test_back_links_run_both_ways(tmp_path):
    root = make_root(tmp_path / "project")
    replace(PATHWAY, "    trials: [cleopatra]\n", "    trials: [cleopatra]\n    settings: [her2-positive-first-line]\n")(root)
    replace(SETTING, "biomarkers: []", "biomarkers: [her2-low]")(root)
    pages = pages_of(root)
    link = "[HER2-positive, first line](../settings/her2-positive-first-line.md)"
    for path in ("trials/cleopatra.md", "drugs/trastuzumab.md", "drugs/pertuzumab.md", "subtypes/her2-positive.md",
                 "biomarkers/her2.md"):
        assert link in pages[path], path
    setting = pages["settings/her2-positive-first-line.md"]
    assert "[HER2-positive first line](../pathways/her2-first-line.md)" in setting
    assert "[HER2-low](../vocabulary.md#biomarker-her2-low)" in setting


def test_the_vocabulary_page_defines_every_term_with_an_anchor(valid_root):
    page = text_of(pages_of(valid_root)["vocabulary.md"])
    assert '<span id="exposure-trastuzumab"></span>**Trastuzumab** | `trastuzumab` | Trastuzumab in any setting.' in page
    assert "[Anti-HER2 therapy](vocabulary.md#exposure-anti-her2-therapy)" in page  # its broader term
    assert "[HER2](biomarkers/her2.md)" in page  # the test behind a biomarker result


def test_the_finder_is_the_plain_list_without_script_and_carries_the_terms_to_filter(valid_root):
    page = pages_of(valid_root)["finder.md"]
    document = lxml.html.fromstring(f"<div>{page}</div>")
    assert document.get_element_by_id("mbc-finder").get("hidden") is not None
    assert document.get_element_by_id("mbc-finder-results").get("hidden") is not None
    assert document.get_element_by_id("mbc-finder-list").get("hidden") is None
    section = document.get_element_by_id("setting-her2-positive-first-line")
    assert (section.get("data-subtype"), section.get("data-line"), section.get("data-exposures")) == ("her2-positive", "first-line", "")
    trastuzumab = document.xpath('//input[@name="exposure"][@value="trastuzumab"]')[0]
    assert trastuzumab.get("data-lineage") == "trastuzumab anti-her2-therapy"
    assert "(settings/her2-positive-first-line-forest.svg)" in page


def test_the_export_holds_settings_and_the_vocabulary(valid_root):
    data = json.loads(export_json(validate(valid_root, TODAY)))
    assert list(data["records"]["settings"]) == ["her2-positive-first-line"]
    assert data["records"]["settings"]["her2-positive-first-line"]["options"][0]["support"][0]["trial"] == "cleopatra"
    assert [term["id"] for term in data["vocabulary"]["line"]] == ["first-line", "second-line"]
    assert data["records"]["trials"]["cleopatra"]["lines"] == ["first-line"]


def test_every_real_setting_has_a_forest_plot_and_its_page(tmp_path):
    evidence = validate(ROOT)
    pages = generate_pages(evidence, ROOT)
    settings = evidence.corpus.records["settings"]
    assert len(settings) >= 3
    for setting_id in settings:
        assert f"settings/{setting_id}.md" in pages
        assert f"settings/{setting_id}-forest.svg" in pages, setting_id
