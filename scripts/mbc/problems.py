"""Problems found in the evidence, and how they are printed for people."""

from dataclasses import dataclass, field
from pathlib import Path

from .rules import RULES


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    rule: str
    message: str
    hint: str = ""
    expected: str = field(default="", compare=False)
    actual: str = field(default="", compare=False)

    @property
    def severity(self) -> str:
        return RULES[self.rule].severity

    def format(self) -> str:
        lines = [f"{self.path}:{self.line}:{self.column}: {self.rule} {self.message}"]
        if self.expected:
            lines.append(f"    expected: {self.expected}")
        if self.actual:
            lines.append(f"    actual:   {self.actual}")
        if self.hint:
            lines.append(f"    hint: {self.hint}")
        return "\n".join(lines)


def relative(path: Path, root: Path) -> str:
    """Paths are printed relative to the project root, as editors and CI logs expect."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
