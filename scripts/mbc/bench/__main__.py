"""Run the bench: `python -m mbc.bench [--sizes 1000,3000] [--repeats 3] [--json FILE]`."""

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

from ..cli import ROOT
from .corpus import bare_parse_command, plain_build_command, plain_mkdocs, project_copy
from .measure import pair
from .preview import time_preview
from .search import time_search, unzipped_bundle

MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed"]  # the tools are installed: never reinstall


def _row(name: str, what: str, figures: dict, goal: float, unit: str, metric: str,
         peak: tuple[str, float] | None = None) -> dict:
    """A measured row and whether it meets its goal; peak names a memory goal: ("peak_ratio", 1.5)
    for at most 1.5 times the baseline's peak, ("peak_mb", 150) for at most 150 MB."""
    peak_goal = "" if peak is None else f"peak ≤ {peak[1]:g}{'×' if peak[0] == 'peak_ratio' else ' MB'}"
    met = figures[metric].median <= goal and (peak is None or figures[peak[0]].median <= peak[1])
    return {"name": name, "what": what, "metric": metric, "goal": goal, "unit": unit, "peak_goal": peak_goal,
            "met": met, "figures": {k: v.as_dict() for k, v in figures.items()}}


def _builds(work: Path, size: int, repeats: int) -> tuple[dict, Path]:
    root = project_copy(work, size)
    config = plain_mkdocs(root)
    figures = pair(MAKE + ["build"], plain_build_command(config, root / "plain-site"), root, repeats)
    return _row(f"build-{size}", f"make build, {size:,} records, warm ÷ plain MkDocs build of the same pages",
                figures, 1.10, "×", "ratio", ("peak_ratio", 1.5)), root


def run(work: Path, sizes: list[int], validate_size: int, repeats: int, long_repeats: int, large_repeats: int,
        log, emit) -> None:
    """Measure every row, handing each to emit as soon as it is measured: the quick rows first."""
    real = project_copy(work, None)
    plain = plain_mkdocs(real)
    log("make site, real corpus, warm")
    emit(_row("site-real", "make site, real corpus, warm ÷ plain MkDocs build of the same pages",
              pair(MAKE + ["site"], plain_build_command(plain, real / "plain-site"), real, repeats), 2.0, "×", "ratio"))
    log("offline search, real corpus")
    emit(_search(real, work / "bundle-real", "real corpus", 0.6, repeats))
    log("live preview, real corpus")
    emit(_row("preview-edit", "make serve: record saved until its page shows it (real corpus); ratio ÷ MkDocs' own reload",
              time_preview(real, plain, repeats), 2.0, "s", "seconds"))
    roots = {}
    for size in sizes:
        log(f"build at {size} records")
        row, roots[size] = _builds(work, size, large_repeats if size == max(sizes) and len(sizes) > 1 else long_repeats)
        emit(row)
        if size == min(sizes):
            log(f"validate at {validate_size} records")
            root = project_copy(work, validate_size)
            emit(_row(f"validate-{validate_size}", f"make validate, {validate_size:,} records, warm ÷ bare C-YAML parse",
                      pair(MAKE + ["validate"], bare_parse_command(root), root, long_repeats), 1.5, "×", "ratio", ("peak_mb", 150)))
    if len(sizes) > 1:  # the goal for a large corpus (1.5 s) is set at 3,000 records
        log(f"offline search, {max(sizes)} records")
        emit(_search(roots[max(sizes)], work / "bundle-large", f"{max(sizes):,} records", 1.5, repeats))


def _search(root: Path, work: Path, label: str, goal: float, repeats: int) -> dict:
    return _row(f"search-{label.split()[0]}", f"offline zip from file://: navigation start until the first search result "
                f"({label}); ratio ÷ load event", time_search(unzipped_bundle(root, work), repeats), goal, "s", "result_s")


def table(rows: list[dict]) -> str:
    lines = ["| row | ours | baseline | ratio, median (range) | peak MB ours / baseline | goal | met |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        f = row["figures"]
        ours, base = (("cpu", "base_cpu") if "cpu" in f else ("seconds", "base_seconds") if "seconds" in f
                      else ("result_s", "load_s"))
        peak = f"{f['peak_mb']['median']:.0f} / {f['base_peak_mb']['median']:.0f}" if "peak_mb" in f else "-"
        ratio = f["ratio"]
        lines.append(f"| {row['what']} | {f[ours]['median']:.2f} s | {f[base]['median']:.2f} s | "
                     f"{ratio['median']:.2f}× ({ratio['min']:.2f}-{ratio['max']:.2f}) | {peak} | "
                     f"≤ {row['goal']}{row['unit']} ({row['metric']}){', ' + row['peak_goal'] if row['peak_goal'] else ''} | "
                     f"{'yes' if row['met'] else 'no'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mbc.bench", description=__doc__)
    # The 3,000-record rows double a run's time (a quarter of an hour at the default size here): asked for.
    parser.add_argument("--sizes", default="1000", help="records per build row, comma-separated (e.g. 1000,3000)")
    parser.add_argument("--validate-size", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3, help="counted runs per row, after one uncounted run")
    parser.add_argument("--long-repeats", type=int, default=2,
                        help="counted pairs of the minute-long rows: the smaller build and the large validation")
    parser.add_argument("--large-repeats", type=int, default=1,
                        help="counted pairs of the largest build (a pair takes minutes; more to tighten its range)")
    parser.add_argument("--json", type=Path, default=ROOT / "test-artifacts" / "bench.json")
    args = parser.parse_args(argv)
    start = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - start:6.0f} s] {message}", file=sys.stderr, flush=True)

    rows: list[dict] = []

    def emit(row: dict) -> None:
        """Show and save each row at once: a run cut short keeps what it measured."""
        rows.append(row)
        log(table([row]).splitlines()[-1])
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"machine": platform.platform(), "python": platform.python_version(),
                                         "repeats": args.repeats, "seconds": round(time.perf_counter() - start),
                                         "rows": rows}, indent=1) + "\n", encoding="utf-8")

    with tempfile.TemporaryDirectory(prefix="mbc-bench-") as work:
        run(Path(work), [int(s) for s in args.sizes.split(",")], args.validate_size, args.repeats, args.long_repeats,
            args.large_repeats, log, emit)
    print(table(rows))
    log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
