"""Whole-process measurements: CPU time and peak memory from the kernel's own accounting,
pairs of commands run in turn so that a drifting machine affects both alike."""

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Run:
    cpu: float  # user + system seconds of the process and the children it waited for
    wall: float
    peak_mb: float  # largest resident set of the process or any child it waited for


_launcher: subprocess.Popen | None = None


def run(command: list[str], cwd: Path) -> Run:
    """Run a command to its end (through the small launcher process); its output is discarded unless it fails."""
    global _launcher
    if _launcher is None:
        _launcher = subprocess.Popen([sys.executable, str(Path(__file__).with_name("launcher.py"))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    _launcher.stdin.write(json.dumps([command, str(cwd)]) + "\n")
    _launcher.stdin.flush()
    code, cpu, wall, peak_mb, said = json.loads(_launcher.stdout.readline())
    if code != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({code}):\n{said}")
    return Run(cpu, wall, peak_mb)


@dataclass
class Spread:
    """Median and range of repeated figures."""

    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def as_dict(self) -> dict:
        return {"median": round(self.median, 4), "min": round(min(self.values), 4), "max": round(max(self.values), 4),
                "values": [round(v, 4) for v in self.values]}

    def text(self, unit: str = "") -> str:
        return f"{self.median:.2f}{unit} ({min(self.values):.2f}-{max(self.values):.2f})"


def pair(ours: list[str], baseline: list[str], cwd: Path, repeats: int) -> dict:
    """Run ours and the baseline in turn, ratios pair by pair, after one uncounted run of ours: it
    fills the content cache as an editor's earlier run would have (the baseline keeps nothing),
    and the disk cache for both."""
    run(ours, cwd)
    figures = {name: Spread() for name in ("cpu", "base_cpu", "ratio", "peak_mb", "base_peak_mb", "peak_ratio", "wall", "base_wall")}
    for _ in range(repeats):
        a, b = run(ours, cwd), run(baseline, cwd)
        for name, value in (("cpu", a.cpu), ("base_cpu", b.cpu), ("ratio", a.cpu / b.cpu), ("peak_mb", a.peak_mb),
                            ("base_peak_mb", b.peak_mb), ("peak_ratio", a.peak_mb / b.peak_mb),
                            ("wall", a.wall), ("base_wall", b.wall)):
            figures[name].values.append(value)
    return figures
