"""The offline zip: the same inputs give the same bytes, with index.html and README.txt on top."""

import zipfile

from mbc.bundle import write_zip


def test_zip_is_reproducible_and_self_describing(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "drugs").mkdir(parents=True)
    (site / "index.html").write_text("<html></html>")
    (site / "drugs" / "x.html").write_text("<html>x</html>")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_zip(site, tmp_path / "one.zip", "readme")
    (site / "index.html").touch()  # a newer file time must not change the archive
    write_zip(site, tmp_path / "two.zip", "readme")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == ["README.txt", "drugs/x.html", "index.html"]
