"""The checked change to Material's search worker: a worker without the expected text stops the build."""

import json
from pathlib import Path

import pytest

from mbc.search_index import SUBSTITUTIONS, SearchIndexError, prebuild_search_index


def _site(tmp_path, worker_text: str):
    workers = tmp_path / "site" / "assets" / "javascripts" / "workers"
    workers.mkdir(parents=True)
    (workers / "search.0000.min.js").write_text(worker_text, encoding="utf-8")
    (tmp_path / "site" / "search").mkdir()
    index = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": [], "fields": {}}, "docs": []}
    (tmp_path / "site" / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    return tmp_path / "site"


def test_a_worker_without_the_expected_text_stops_the_build(tmp_path):
    site = _site(tmp_path, "".join(original for original, _ in SUBSTITUTIONS[1:]))  # the first one missing
    with pytest.raises(SearchIndexError, match="was mkdocs-material upgraded"):
        prebuild_search_index(site, tmp_path)
    assert "loadPrebuiltIndex" not in (site / "assets/javascripts/workers/search.0000.min.js").read_text()


def test_a_site_without_search_is_left_alone(tmp_path):
    (tmp_path / "site").mkdir()
    prebuild_search_index(tmp_path / "site", tmp_path)
    assert list((tmp_path / "site").iterdir()) == []


def test_the_prebuilt_index_is_the_same_bytes_each_time(tmp_path):
    """Two builds that do not share a cache write the same index: node and lunr are deterministic here."""
    import material

    (worker,) = (Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js")
    docs = [{"location": "index.html", "title": "Home", "text": "<p>Trastuzumab and <em>pertuzumab</em></p>"},
            {"location": "index.html#her2", "title": "HER2-positive", "text": "<p>CLEOPATRA, overall survival</p>"},
            {"location": "drugs/tucatinib.html", "title": "Tucatinib", "text": "<p>HER2CLIMB: brain metastases</p>",
             "tags": ["HER2"]}]
    written = []
    for run in ("one", "two"):
        site = _site(tmp_path / run, worker.read_text(encoding="utf-8"))
        index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
        index["config"].update(pipeline=["stopWordFilter"], fields={"title": {"boost": 1000.0}, "text": {"boost": 1.0},
                                                                      "tags": {"boost": 1000000.0}})
        index["docs"] = docs
        (site / "search/search_index.json").write_text(json.dumps(index), encoding="utf-8")
        prebuild_search_index(site, tmp_path / run)
        written.append((site / "search/search_index.json").read_bytes())
    assert written[0] == written[1]
    prebuilt = json.loads(json.loads(written[0])["config"]["prebuilt"])
    assert prebuilt["refs"] == [doc["location"] for doc in docs] and "tucatinib" in prebuilt["terms"]
