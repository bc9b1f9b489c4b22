"""The content-hash cache: reused when nothing changed, never stale, safe to delete or damage."""

import shutil

import pytest
from conftest import TODAY

import mbc.records
from mbc.cache import FOLDER
from mbc.site import site_files
from mbc.validate import validate

DRUG = "evidence/drugs/pertuzumab.yaml"


def _pages(root) -> dict[str, str]:
    evidence = validate(root, TODAY)
    assert evidence.errors == []
    return {file.path: file.content for file in site_files(evidence, root)}


def _entries(root) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / FOLDER).rglob("*.pickle")}


def test_a_changed_record_changes_exactly_the_pages_that_show_it(valid_root):
    before = _pages(valid_root)  # fills the cache
    assert _pages(valid_root) == before  # and reads it back unchanged
    drug = valid_root / DRUG
    drug.write_text(drug.read_text(encoding="utf-8").replace("name: Pertuzumab", "name: Pertuzumab renamed"),
                    encoding="utf-8")
    after = _pages(valid_root)
    changed = {path for path in before if before[path] != after[path]}
    # Independently of the code under test: the drug's page, its kind's index, the exports of the
    # drug records, and every page that links to the drug (the links carry its name).
    showing = {path for path, text in before.items() if "drugs/pertuzumab.md" in text or "drugs/pertuzumab.html" in text}
    assert changed == showing | {"drugs/pertuzumab.md", "drugs/index.md", "export/evidence.json", "export/drugs.csv"}
    assert len(changed) > 3  # the drug is linked from elsewhere, so the test means something
    shutil.rmtree(valid_root / FOLDER)
    assert _pages(valid_root) == after  # what the cache gave is what a cold run gives


def test_unchanged_files_are_read_from_the_cache(valid_root, monkeypatch):
    cold = validate(valid_root, TODAY)

    def never(*args):
        raise AssertionError("an unchanged record was loaded again")

    monkeypatch.setattr(mbc.records, "_load_record", never)
    warm = validate(valid_root, TODAY)
    assert warm.problems == cold.problems
    assert {r.shown: r.model for r in warm.corpus.all()} == {r.shown: r.model for r in cold.corpus.all()}
    drug = valid_root / DRUG
    drug.write_text(drug.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="loaded again"):  # a changed byte is a miss
        validate(valid_root, TODAY)


def test_a_deleted_or_damaged_cache_changes_nothing(valid_root):
    trial = valid_root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text(encoding="utf-8").replace("id: cleopatra", "id: cleopatra\nnot_a_field: 1"),
                     encoding="utf-8")
    expected = [p.format() for p in validate(valid_root, TODAY).problems]
    assert any("SCHEMA-UNKNOWN-FIELD" in line for line in expected)
    entries = list((valid_root / FOLDER).rglob("*.pickle"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:20])  # cut short, as by a crash or a full disk
    assert [p.format() for p in validate(valid_root, TODAY).problems] == expected
    shutil.rmtree(valid_root / ".cache")
    assert [p.format() for p in validate(valid_root, TODAY).problems] == expected
    assert _entries(valid_root)  # written again


def test_plots_and_formatted_references_are_cached_by_their_inputs(valid_root, tmp_path, monkeypatch):
    """Drawn or formatted once; a changed input is drawn again; what the cache gives is what drawing gives."""
    import mbc.plot_drawing
    import mbc.plots
    import mbc.reference_format
    from mbc.plots import Estimate

    for module in (mbc.plots, mbc.reference_format):
        monkeypatch.setattr(module, "CODE_ROOT", tmp_path)
    panels = {"PFS": [Estimate("A", 0.62, 0.51, 0.75, 808)], "OS": [None]}
    drawn = mbc.plots.forest_svg(["A (X)"], panels)
    assert drawn == mbc.plot_drawing.forest(["A (X)"], panels)
    bibliography = validate(valid_root, TODAY).bibliography
    formatted = mbc.reference_format.format_references(bibliography)

    def never(*args):
        raise AssertionError("drawn or formatted again")

    monkeypatch.setattr(mbc.plot_drawing, "forest", never)
    monkeypatch.setattr(mbc.reference_format, "_format", never)
    assert mbc.plots.forest_svg(["A (X)"], panels) == drawn
    assert mbc.reference_format.format_references(bibliography) == formatted
    with pytest.raises(AssertionError, match="drawn or formatted again"):
        mbc.plots.forest_svg(["A (X)"], {"PFS": [Estimate("A", 0.63, 0.51, 0.75, 808)], "OS": [None]})
