"""The schema reference page, generated from the same models as validation and the JSON Schema."""

import types
import typing

from pydantic import BaseModel

from .rules import RULES
from .kinds import kinds
from .schema.vocabulary import Vocabulary
from .schema.watch import WatchList
from .text import plain


def _type_name(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is typing.Literal:
        return " | ".join(str(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    return getattr(annotation, "__name__", str(annotation))


def _nested_models(annotation) -> list[type[BaseModel]]:
    found = []
    for arg in typing.get_args(annotation) or ():
        found += _nested_models(arg)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    return found


def _model_table(model: type[BaseModel], seen: set) -> list[str]:
    lines = [f"### {model.__name__}", "", "| Field | Type | Required | Links to | Cites | Terms | Description | Example |",
             "|---|---|---|---|---|---|---|---|"]
    nested = []
    for name, info in model.model_fields.items():
        example = info.examples[0] if info.examples else ""
        declared = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        cites = declared.get("x-cites", "")
        if declared.get("x-cites-with"):
            cites += f" (with `{declared['x-cites-with']}`)"
        lines.append(f"| `{name}` | {plain(_type_name(info.annotation))} | {'yes' if info.is_required() else 'no'} | "
                     f"{plain(declared.get('x-links-to', ''))} | {cites} | {plain(declared.get('x-terms', ''))} | "
                     f"{plain(info.description or '')} | {plain(repr(example)) if example not in ('', None) else ''} |")
        nested += [m for m in _nested_models(info.annotation) if m not in seen]
    lines.append("")
    for sub in dict.fromkeys(nested):
        if sub not in seen:
            seen.add(sub)
            lines += _model_table(sub, seen)
    return lines


def schema_reference() -> str:
    lines = ["# Schema reference", "",
             "Generated from the record models in `scripts/mbc/schema/` (one module per record kind), the single source of truth that also "
             "drives validation and the JSON Schema files in `schemas/` (use them in your editor with "
             "`# yaml-language-server: $schema=../../schemas/<kind>.schema.json`).", ""]
    for kind in kinds().values():
        lines += [f"## {kind.title}: `evidence/{kind.folder}/<id>.yaml`", ""]
        lines += _model_table(kind.model, {kind.model})
    lines += ["## Watch list: `evidence/watch.yaml`", ""]
    lines += _model_table(WatchList, {WatchList})
    lines += ["## Vocabulary: `evidence/vocabulary.yaml`", ""]
    lines += _model_table(Vocabulary, {Vocabulary})
    lines += ["## Validation rules", "", "Every problem is printed as `path:line:column: RULE-ID message`, followed by a hint.", "",
              "| Rule | Severity | Rule text |", "|---|---|---|"]
    lines += [f"| `{rule.id}` | {rule.severity} | {plain(rule.sentence)} |" for rule in RULES.values()]
    return "\n".join(lines) + "\n"
