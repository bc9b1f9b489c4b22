"""The checked change to Material's search worker: a worker without the expected text stops the build."""

import json

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
