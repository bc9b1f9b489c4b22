"""Property-based fuzzing of the validator with Hypothesis.

Records are drawn from the committed JSON Schemas (schemas/*.schema.json, so a new field is
fuzzed without editing this file), then mutated: values replaced by hostile ones (.nan,
huge numbers, long lines, deep nesting, pathological citation brackets), keys dropped or
added, the YAML text cut or spliced; files of random bytes; bibliographies with broken
entries. Whatever the input, the validator must return (never raise, so the command line
never prints a traceback), finish (a hang guard of HANG_SECONDS per run catches catastrophic
backtracking or runaway recursion; speed itself is measured by `make bench`), and name
every problem at a line inside the file it reports on.

Examples are derandomised and bounded so the whole file runs in well under a minute.
"""

import json
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, make_root
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mbc.kinds import kinds
from mbc.rules import RULES
from mbc.validate import validate

HANG_SECONDS = 20
FUZZ = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

KEYS = ["baselga2012", "swain2015", "nobody2020"]
KEY_TEXT = st.sampled_from(KEYS).map(lambda key: f"[@{key}]")
# Text made of the characters citations, YAML and Markdown care about, plus any text at all.
NOISY_TEXT = st.text(alphabet="[]@;:-_.aZ09 \n\t{}\\&<>\"'#|>!*%`", max_size=80)
TEXT = st.one_of(st.text(max_size=40), NOISY_TEXT, st.lists(st.one_of(KEY_TEXT, st.text(max_size=10)), max_size=6).map(" ".join))
# Where a field cites (x-cites in the schema): citation groups, well-formed or pathological.
CITING_TEXT = st.one_of(
    TEXT,
    st.text(alphabet="[@a; ]\n", max_size=300),
    st.tuples(st.integers(1, 60), st.sampled_from([" ", "  ", " ; ", ";", "\n  "]), st.sampled_from(["", "]", "]]", " x"]))
      .map(lambda t: "[" + ("@a" + t[1]) * t[0] + t[2]),
)


def _nested(depth: int):
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


HOSTILE = st.one_of(
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 10 ** 40, -1, 0, True, None, "", [], {},
                     20261121, "2026-02-30", "2026-11-21T10:00:00", "NR", "\u202e\u0000"]),
    st.integers(min_value=40, max_value=200).map(_nested),  # deeper than any record may nest
    st.integers(min_value=1, max_value=3000).map(lambda n: "[" + "@a  " * n),  # unclosed citation group
    st.integers(min_value=1, max_value=3000).map(lambda n: "[@" * n),
    st.integers(min_value=1000, max_value=60000).map(lambda n: "long " * (n // 5)),  # a very long line
    TEXT,
)


def strategy(schema: dict, defs: dict, citing: bool = False) -> st.SearchStrategy:
    """A Hypothesis strategy for the subset of JSON Schema that pydantic writes for our models."""
    citing = citing or "x-cites" in schema
    if "$ref" in schema:
        return st.deferred(lambda: strategy(defs[schema["$ref"].split("/")[-1]], defs))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema or "oneOf" in schema:
        return st.one_of([strategy(option, defs, citing) for option in schema.get("anyOf", schema.get("oneOf"))])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([strategy({**schema, "type": one}, defs, citing) for one in kind])
    if citing and kind == "string":
        return CITING_TEXT
    if citing and kind == "array":
        return st.lists(st.one_of(st.sampled_from(KEYS), NOISY_TEXT), max_size=4)
    if kind == "object":
        properties = {name: strategy(sub, defs) for name, sub in schema.get("properties", {}).items()}
        required = set(schema.get("required", []))
        return st.fixed_dictionaries({name: s for name, s in properties.items() if name in required},
                                     optional={name: s for name, s in properties.items() if name not in required})
    if kind == "array":
        return st.lists(strategy(schema.get("items", {}), defs), min_size=schema.get("minItems", 0),
                        max_size=max(3, schema.get("minItems", 0)))
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates().map(str)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True)
        return TEXT.filter(lambda text: len(text) >= schema.get("minLength", 0))
    if kind == "integer":
        return st.integers(min_value=-10, max_value=5000)
    if kind == "number":
        return st.one_of(st.floats(allow_nan=False, allow_infinity=False, width=32), st.integers(-5, 500))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return HOSTILE


def record_strategy(kind: str) -> st.SearchStrategy:
    schema = json.loads((ROOT / "schemas" / f"{kinds()[kind].singular}.schema.json").read_text(encoding="utf-8"))
    return strategy(schema, schema.get("$defs", {}))


def paths(value, prefix=()):
    """Every place in a record where a value sits."""
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from paths(item, prefix + (key,))


@st.composite
def mutated(draw, record: st.SearchStrategy) -> str:
    """A record drawn from its schema, then broken in a few random ways, as YAML text."""
    data = draw(record)
    data["id"] = "fuzz"
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(list(paths(data))[1:] or [()]))
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if where and action == "replace":
            parent[where[-1]] = draw(HOSTILE)
        elif where and action == "drop" and isinstance(parent, dict):
            del parent[where[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "note", "Id", "cites", "type"]))] = draw(HOSTILE)
    style = draw(st.sampled_from([None, '"', "'"]))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style=style, width=draw(st.sampled_from([40, 80, 10 ** 6])))
    edit = draw(st.sampled_from(["none", "cut", "splice", "indent"]))
    at = draw(st.integers(0, len(text)))
    if edit == "cut":
        text = text[:at]
    elif edit == "splice":
        text = text[:at] + draw(NOISY_TEXT) + text[at:]
    elif edit == "indent":
        text = text[:at] + "\n   " + text[at:]
    return text


class Hang(Exception):
    pass


@contextmanager
def hang_guard(seconds: int):
    def stop(signum, frame):
        raise Hang(f"validation did not finish within {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def line_count(path: Path) -> int:
    data = path.read_bytes()
    return max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))


def assert_validates_sanely(root: Path) -> None:
    with hang_guard(HANG_SECONDS):
        problems = validate(root, TODAY).problems  # an exception here is a traceback on the command line
    for problem in problems:
        assert problem.rule in RULES and problem.message and problem.hint, problem.format()
        assert 1 <= problem.line <= line_count(root / problem.path), problem.format()
        assert problem.column >= 1, problem.format()


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return make_root(tmp_path_factory.mktemp("fuzz") / "project")


@pytest.fixture(scope="module")
def pristine_bib(root) -> str:
    return (root / "evidence/references.bib").read_text(encoding="utf-8")


def written(root: Path, relative: str, content: str | bytes):
    """Write one file for one example, and take it away afterwards."""
    target = root / relative
    target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return target


@pytest.mark.parametrize("kind", sorted(kinds()))
def test_mutated_records_are_reported_never_crash(root, kind):
    @FUZZ
    @given(text=mutated(record_strategy(kind)))
    def run(text):
        target = written(root, f"evidence/{kind}/fuzz.yaml", text)
        try:
            assert_validates_sanely(root)
        finally:
            target.unlink()
    run()


@FUZZ
@given(content=st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(str.encode)))
def test_random_bytes_are_reported_never_crash(root, content):
    target = written(root, "evidence/drugs/fuzz.yaml", content)
    try:
        assert_validates_sanely(root)
    finally:
        target.unlink()


BIB_NOISE = st.one_of(
    NOISY_TEXT,
    st.integers(1, 5000).map(lambda n: "@article{deep,\n  title = {" + "{" * n + "x" + "}" * n + "},\n}\n"),
    st.integers(1, 5000).map(lambda n: "@article{open,\n  title = {" + "{" * n + "\n"),
    st.integers(1, 300).map(lambda n: "@article{names,\n  author = {" + " and ".join(["{\\'{e}}" * 3] * n) + "},\n}\n"),
    st.integers(1, 3000).map(lambda n: "@article{deepname,\n  author = {" + "{" * n + "Doe, J" + "}" * n + "},\n}\n"),
    st.integers(1, 60).map(lambda n: "@article{accents,\n  author = {Doe, " + "{\\'{" * n + "e" + "}}" * n + "},\n}\n"),
    st.sampled_from(["@article{Baselga2012,\n  title = {Case},\n}\n", "@article{,}\n", "@misc{x, url = {javascript:alert(1)}}\n",
                     "@comment{", "@string{a = {b}}\n", "@article{k, author = {\\x{\\y{\\z{}}}}}\n"]),
)


@FUZZ
@given(parts=st.lists(BIB_NOISE, min_size=1, max_size=4), at=st.integers(0, 10 ** 6))
def test_broken_bibliographies_are_reported_never_crash(root, pristine_bib, parts, at):
    cut = at % (len(pristine_bib) + 1)
    written(root, "evidence/references.bib", pristine_bib[:cut] + "\n".join(parts) + pristine_bib[cut:])
    try:
        assert_validates_sanely(root)
    finally:
        written(root, "evidence/references.bib", pristine_bib)
