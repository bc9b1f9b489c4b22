"""Exceptions as data: a plausibility rule that is wrong for one value is overruled in
evidence/exceptions.yaml, with the reason, never by bending the data to pass.

    exceptions:
      - rule: PLAUS-RESULT-DATE
        path: evidence/trials/cleopatra.yaml#results.final-os.published
        reason: The final analysis appeared online in 2014 and in print in 2015.

The path is the file and the field the problem names; an item of a list with an id is
named by its id, others by their position (0 for the first). An exception that no longer
matches a problem is an error, so none outlives the value it was written for.
"""

from pathlib import Path

from pydantic import ValidationError

from .problems import Problem, Rule, relative
from .schema import Strict, field
from .schema_errors import schema_problems
from .yaml_source import load_yaml, position

EXCEPTIONS_PATH = Path("evidence") / "exceptions.yaml"

RULES = [
    Rule("EXCEPTION-INVALID", "error", "An exception names a plausibility rule, the file#field it overrules and a reason."),
    Rule("EXCEPTION-UNUSED", "error", "Every exception still overrules a problem; one that no longer fires is removed."),
]


class Exception_(Strict):
    rule: str = field("The id of the plausibility rule overruled here.", "PLAUS-RESULT-DATE", min_length=1)
    path: str = field("The file and field the problem names, as file#field.",
                      "evidence/trials/cleopatra.yaml#results.final-os.published", min_length=1)
    reason: str = field("Why the rule is wrong for this value, in a sentence a reviewer can check.",
                        "Published online in 2014, in print in 2015.", min_length=1)


class ExceptionsFile(Strict):
    exceptions: list[Exception_] = field("The exceptions, one per overruled problem.", [], default_factory=list)


def apply_exceptions(root: Path, problems: list[Problem], rules: dict[str, Rule]) -> list[Problem]:
    """The problems left once exceptions are applied, plus any problem with the exceptions themselves."""
    path = root / EXCEPTIONS_PATH
    if not path.exists():
        return problems
    shown = relative(path, root)
    loaded = load_yaml(path, shown)
    if loaded.data is None:
        return problems + loaded.problems
    try:
        exceptions = ExceptionsFile.model_validate(loaded.data).exceptions
    except ValidationError as error:
        return problems + schema_problems(error, ExceptionsFile, loaded.data, shown)
    own: list[Problem] = []
    silenced: set[Problem] = set()
    for i, exception in enumerate(exceptions):
        rule = rules.get(exception.rule)
        if rule is None or not rule.exceptable:
            allowed = ", ".join(r.id for r in rules.values() if r.exceptable)
            own.append(Problem(shown, *position(loaded.data, ("exceptions", i, "rule")), "EXCEPTION-INVALID",
                               f"'{exception.rule}' is not a rule an exception may overrule",
                               hint=f"exceptions overrule plausibility judgements only: {allowed}"))
            continue
        file, _, where = exception.path.partition("#")
        matched = {p for p in problems if p.rule == exception.rule and p.path == file and p.where == where}
        if not matched:
            own.append(Problem(shown, *position(loaded.data, ("exceptions", i)), "EXCEPTION-UNUSED",
                               f"no {exception.rule} problem at '{exception.path}' to overrule",
                               hint="delete this exception: the value it was written for has changed or moved"))
        silenced |= matched
    return [p for p in problems if p not in silenced] + own
