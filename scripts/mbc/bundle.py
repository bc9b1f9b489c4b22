"""The offline bundle: the built site, which works from file:// as it is, zipped reproducibly into dist/."""

import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import yaml

from .build import build_site
from .validate import validate

NAME = "mbc-evidence"
README = """MBC Evidence: offline copy
===========================

An open, cited evidence base on the treatment of metastatic breast cancer, for health
professionals. {disclaimer}

Evidence snapshot: {date} (the latest date on which a record was reviewed).

How to open: unzip this file anywhere, then open index.html in a web browser
(double-click it, or use File > Open). Everything works from disk, including search
and the flowcharts; nothing is loaded from the network. Only the reference links
(DOI, PubMed, PMC, ClinicalTrials.gov) lead outside, and only when clicked.

Licence: the evidence content is CC BY 4.0; the code that built it is MIT.
The hosted, always-current site: {site_url}
"""


def _zip_time() -> tuple:
    """Entry timestamps from SOURCE_DATE_EPOCH, so the same inputs give the same bytes."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", "315532800")), 315532800)  # zip cannot go before 1980
    return time.gmtime(epoch)[:6]


def write_zip(site: Path, target: Path, readme: str) -> None:
    stamp = _zip_time()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        entries = [("README.txt", readme.encode("utf-8"))]
        entries += [(p.relative_to(site).as_posix(), p.read_bytes()) for p in sorted(site.rglob("*")) if p.is_file()]
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def make_bundle(root: Path) -> int:
    """Build site/ (the hosted site is the offline site: mkdocs.yml) and zip it."""
    code = build_site(root)
    if code != 0:
        print("bundle not written: the build failed", file=sys.stderr)
        return code
    # The zip is named after the snapshot date; validation is cached, so this costs little.
    date = validate(root).snapshot_date
    dist = root / "dist"
    dist.mkdir(exist_ok=True)
    target = dist / f"{NAME}-{date}.zip"
    with tempfile.TemporaryDirectory(dir=dist) as work:
        partial = Path(work) / target.name
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        write_zip(root / "site", partial, README.format(date=date, site_url=config.get("site_url", ""),
                                                        disclaimer=config["extra"]["disclaimer"]))
        shutil.move(partial, target)
    print(f"wrote {target.relative_to(root)}", file=sys.stderr)
    return 0
