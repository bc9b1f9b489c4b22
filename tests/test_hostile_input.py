"""Hostile input, generated from the schema rather than listed by hand.

Every free-text field of every record kind (and of the watch list) and every rendered BibTeX
field of the passing fixture gets script tags, event handlers, disguised links and template
syntax; a real MkDocs build must then show all of it as text. A field added to a model is
planted here without editing this test; the coverage check names any field the fixture cannot
reach (add an example of it to tests/fixtures/valid).
"""

import json
import re
import types
import typing
from pathlib import Path

import lxml.html
import pytest
import yaml
from conftest import TODAY, make_root

from mbc.build import run_mkdocs
from mbc.checks.key_order import canonical_order
from mbc.declarations import declarations
from mbc.kinds import kinds
from mbc.schema import RecordBase
from mbc.schema.watch import WatchList
from mbc.validate import validate

MARK = "MBCX"
# Must pass validation, and must reach the page as inert text.
INERT = (f'</title><script>alert("{MARK}")</script> <img src=x onerror=alert(2)> <svg onload=alert(3)> '
         r"\[MBCX link\](javascript:alert(4)) &#106;avascript:alert(5) {{ 7*191 }} {% raw %} {: onclick=alert(6) } "
         '--8<-- "mkdocs.yml" <iframe src=x></iframe>')
# Links a browser would follow: validation must refuse each at the field that holds it.
REFUSED = "[MBCX](java&#115;cript:alert(1)) <a href='data:text/html,x'>x</a> <iframe src='vbscript:x'></iframe>"
# BibTeX values cannot hold unbalanced braces; the rest of the attack stays.
BIB_INERT = f'</title><script>alert("{MARK}")</script> <img src=x onerror=alert(7)> [MBCX bib](javascript:alert(8))'
BIB_FIELDS = ("title", "journal", "volume", "number", "pages", "howpublished", "note")
CITE = " [@baselga2012]"
# Names that must come from a list kept elsewhere (evidence/reviewers.yaml): not free text.
NAMED_ELSEWHERE = {"reviewed_by"}


def _unwrap_optional(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def _models_in(annotation) -> list[type]:
    """The model classes of a field (one, or the members of a tagged union)."""
    annotation = _unwrap_optional(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in _models_in(a)]
    return [annotation] if isinstance(annotation, type) and hasattr(annotation, "model_fields") else []


def _free_string(schema: dict) -> bool:
    members = [m for m in schema.get("anyOf", [schema]) if m.get("type") != "null"]
    return len(members) == 1 and members[0].get("type") == "string" and not {"pattern", "enum", "const", "format"} & set(members[0])


def _text_shape(model: type, name: str) -> str | None:
    """'text' for a free-text str field, 'texts' for a list of them, else None (ids, dates, enums),
    read off the JSON Schema the models generate (constraints live there, not on the annotation)."""
    schema = model.model_json_schema()["properties"][name]
    if _free_string(schema):
        return "text"
    members = [m for m in schema.get("anyOf", [schema]) if m.get("type") != "null"]
    if len(members) == 1 and members[0].get("type") == "array" and _free_string(members[0].get("items", {})):
        return "texts"
    return None


def free_text_fields(model: type, seen=None) -> set[tuple[str, str]]:
    """(model, field) for every free-text field reachable from a model."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    found = set()
    declared = declarations(model)
    for name, info in model.model_fields.items():
        extra = declared.get(name, {})
        shape = _text_shape(model, name) if name not in NAMED_ELSEWHERE else None
        if shape and not extra.get("x-links-to") and not (shape == "texts" and extra.get("x-cites")):
            found.add((model.__name__, name))
        inner = info.annotation
        if typing.get_origin(_unwrap_optional(inner)) is list:
            inner = typing.get_args(_unwrap_optional(inner))[0]
        for sub in _models_in(inner):
            found |= free_text_fields(sub, seen)
    return found


def plant(data: dict, model: type, payload: str, planted: set, counter: list) -> None:
    """Put the payload in every free-text field of data (a record as read from YAML)."""
    declared = declarations(model)
    for name, info in model.model_fields.items():
        extra = declared.get(name, {})
        shape = _text_shape(model, name) if name not in NAMED_ELSEWHERE else None
        counter[0] += 1
        # A field with a length limit (a short label) gets as much of the payload as it holds.
        schema = model.model_json_schema()["properties"][name]
        limit = next((m["maxLength"] for m in schema.get("anyOf", [schema]) if "maxLength" in m), None)
        payload_here = payload[: limit - 6] if limit else payload
        # Markdown keeps its citations, so that nothing but the payload changes.
        cited = " ".join(re.findall(r"\[@[^\]]*\]", data.get(name) or "")) if isinstance(data.get(name), str) else ""
        text = f"{payload_here} #{counter[0]}" + ((" " + cited if cited else CITE) if extra.get("x-cites") else "")
        if shape == "text" and not extra.get("x-links-to"):
            data[name] = text
            planted.add((model.__name__, name))
            if extra.get("x-cites"):
                counter[1] += 1
        elif shape == "texts" and not extra.get("x-links-to") and not extra.get("x-cites"):
            data[name] = [text]
            planted.add((model.__name__, name))
        value = data.get(name)
        items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
        for item in items:
            if isinstance(item, dict):
                candidates = _models_in(typing.get_args(_unwrap_optional(info.annotation))[0]
                                        if typing.get_origin(_unwrap_optional(info.annotation)) is list else info.annotation)
                match = [m for m in candidates if "type" not in m.model_fields
                         or item.get("type") in typing.get_args(m.model_fields["type"].annotation)]
                plant(item, match[0], payload, planted, counter)
    # Keys in the order an editor writes them (STYLE-KEY-ORDER checks records).
    order = canonical_order(model) if issubclass(model, RecordBase) else list(model.model_fields)
    ordered = {name: data[name] for name in order if name in data} | data
    data.clear()
    data.update(ordered)


def hostile_tree(root: Path, payload: str) -> set:
    """Plant the payload in every record and the watch list under root; return what was planted."""
    planted: set = set()
    counter = [0, 0]  # values planted, Markdown values planted
    targets = [(path, kind.model) for kind in kinds().values() for path in sorted((root / "evidence" / kind.folder).glob("*.yaml"))]
    targets.append((root / "evidence/watch.yaml", WatchList))
    for path, model in targets:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        plant(data, model, payload, planted, counter)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    hostile_tree.markdown_values = counter[1]
    return planted


def every_free_text_field() -> set:
    return set().union(*(free_text_fields(kind.model) for kind in kinds().values()), free_text_fields(WatchList))


def _plant_bibliography(root: Path) -> None:
    bib = root / "evidence/references.bib"
    text = bib.read_text(encoding="utf-8")
    for name in BIB_FIELDS:
        text = re.sub(rf"(?m)^(  {name} = )\{{[^\n]*\}},$", rf"\1{{{BIB_INERT}}},", text)
    bib.write_text(text, encoding="utf-8")


def live_content(html: str) -> list[str]:
    """What a browser would run or follow from contributor text, read with a real HTML parser."""
    found = []
    document = lxml.html.fromstring(html)
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script" and ("alert" in (element.text or "") or MARK in (element.text or "")):
            found.append(f"<script>{element.text[:60]}")
        if element.tag in ("iframe", "object", "embed") or (element.tag == "img" and element.get("src") == "x"):
            found.append(lxml.html.tostring(element, encoding="unicode")[:120])
        for name, value in element.attrib.items():
            lowered = re.sub(r"[\x00-\x20]", "", value).lower()
            if name.startswith("on") and ("alert" in value or MARK in value):
                found.append(f"<{element.tag} {name}={value}>")
            if name in ("href", "src", "action", "xlink:href") and lowered.startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"<{element.tag} {name}={value}>")
    return found


def test_the_fixture_reaches_every_free_text_field(tmp_path):
    root = make_root(tmp_path / "project")
    missing = every_free_text_field() - hostile_tree(root, INERT)
    assert not missing, f"add an example of these fields to tests/fixtures/valid: {sorted(missing)}"


def test_disguised_links_are_refused_at_every_markdown_field(tmp_path):
    root = make_root(tmp_path / "project")
    hostile_tree(root, REFUSED)
    problems = validate(root, TODAY).problems
    assert {p.rule for p in problems} == {"URL-SCHEME"}, "\n".join(p.format() for p in problems)
    # Every planted Markdown value is refused, once at its position (one message per position),
    # and that message names all three of its addresses.
    assert len({(p.path, p.line, p.column) for p in problems}) == hostile_tree.markdown_values
    assert sum(p.message.count("the link '") for p in problems) == 3 * hostile_tree.markdown_values


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = make_root(tmp_path_factory.mktemp("hostile") / "project")
    hostile_tree(root, INERT)
    _plant_bibliography(root)
    assert validate(root, TODAY).errors == []
    site = root / "site"
    assert run_mkdocs(root, site) == 0
    return site


def test_no_page_holds_live_content_from_contributor_text(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert pages
    for page in pages:
        assert live_content(page.read_text(encoding="utf-8")) == [], page


def test_the_search_index_holds_no_live_content(hostile_site):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if doc["text"]:
            assert live_content(f"<div>{doc['text']}</div>") == [], doc["location"]


def test_contributor_text_is_shown_as_text_and_templates_are_not_evaluated(hostile_site):
    page = (hostile_site / "drugs/pertuzumab.html").read_text(encoding="utf-8")
    text = lxml.html.fromstring(page).text_content()
    assert f'<script>alert("{MARK}")</script>' in text
    assert "{{ 7*191 }}" in text and "1337" not in text
    assert "[MBCX link](javascript:alert(4))" in text
    references = lxml.html.fromstring((hostile_site / "references.html").read_text(encoding="utf-8")).text_content()
    assert "[MBCX bib](javascript:alert(8))" in references
