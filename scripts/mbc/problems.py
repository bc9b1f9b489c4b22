"""Problems found in the evidence, and how they are printed for people."""

from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Rule:
    """A validation rule, declared beside the code that emits it and collected in mbc.rules.

    Rule ids are part of the contributor interface (they appear in CI logs and in the
    schema reference), so never rename one; retire it instead.
    """

    id: str
    severity: str  # "error" fails the build; "warning" is reported and flagged on the site
    sentence: str
    exceptable: bool = False  # a judgement about plausible values, which evidence/exceptions.yaml may overrule


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
    where: str = field(default="", compare=False)  # the field path in the record, for exceptions

    @property
    def severity(self) -> str:
        from .rules import RULES  # the registry imports every declaring module, which import this one

        return RULES[self.rule].severity

    def details(self) -> list[str]:
        labelled = [("expected: ", self.expected), ("actual:   ", self.actual), ("hint: ", self.hint)]
        return [label + text for label, text in labelled if text]

    def format(self) -> str:
        head = f"{self.path}:{self.line}:{self.column}: {self.rule} {self.message}"
        return "\n".join([head] + [f"    {line}" for line in self.details()])

    def github(self) -> str:
        """A GitHub Actions workflow command: the problem appears on the pull request's diff, at its line."""
        command = "error" if self.severity == "error" else "warning"
        body = "\n".join([self.message] + self.details())
        return (f"::{command} file={_property(self.path)},line={self.line},col={self.column},"
                f"title={_property(self.rule)}::{_data(body)}")


def _data(text: str) -> str:
    """Escape a workflow command's message, as the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


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


def collapse(problems: list[Problem]) -> list[Problem]:
    """Sorted, with one message per position and rule: the messages met there are joined."""
    merged: dict[tuple, Problem] = {}
    for problem in sorted(set(problems)):
        key = (problem.path, problem.line, problem.column, problem.rule)
        earlier = merged.get(key)
        if earlier is None:
            merged[key] = problem
        elif problem.message != earlier.message:
            hint = earlier.hint if problem.hint in earlier.hint else f"{earlier.hint}; {problem.hint}"
            merged[key] = replace(earlier, message=f"{earlier.message}; {problem.message}", hint=hint)
    return list(merged.values())
