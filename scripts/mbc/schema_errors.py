"""Pydantic's validation errors, translated into problems at the position of the offending key or item."""

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .problems import Problem, Rule
from .yaml_source import position

RULES = [
    Rule("SCHEMA-UNKNOWN-FIELD", "error", "Only the fields defined in the schema are allowed, so nothing written is ignored."),
    Rule("SCHEMA-MISSING-FIELD", "error", "Every required field of the record kind must be present."),
    Rule("SCHEMA-INVALID", "error", "Every field must have the type and form the schema defines."),
    Rule("SCHEMA-DATE", "error", "Dates are real calendar dates written YYYY-MM-DD."),
]


def _strip(annotation: Any) -> Any:
    """The type inside Annotated[...] and X | None."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(members) != 1:
                return annotation
            annotation = members[0]
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _union_member(union: Any, tag: Any) -> Any:
    """The member of a union that pydantic names by tag: a discriminator value or a model name."""
    for member in map(_strip, typing.get_args(union)):
        if _is_model(member):
            type_field = member.model_fields.get("type")
            if member.__name__ == tag or (type_field is not None and tag in typing.get_args(type_field.annotation)):
                return member
    return Any


def walk(model: type[BaseModel], loc: tuple) -> tuple[tuple, FieldInfo | None, type[BaseModel] | None]:
    """Follow an error location through the models.

    Returns the location in the data (pydantic's union tags such as 'action' or 'float' are not
    keys of the data), the declaration of the last field named on the way, and the model in
    which the last part was looked up (None when that part is not a field name).
    """
    current: Any = model
    data_loc: list = []
    info: FieldInfo | None = None
    owner: type[BaseModel] | None = None
    for part in loc:
        current = _strip(current)
        if typing.get_origin(current) in (typing.Union, types.UnionType):
            current = _union_member(current, part)
            continue
        data_loc.append(part)
        owner = current if _is_model(current) else None
        if isinstance(part, int) and typing.get_origin(current) is list:
            current = typing.get_args(current)[0]
        elif owner is not None and part in owner.model_fields:
            info = owner.model_fields[part]
            current = info.annotation
        else:
            current = Any
    return tuple(data_loc), info, owner


def _label(data_loc: tuple) -> str:
    """'phase', or 'item 2 of subtypes' for an item of a list."""
    names = [str(part) for part in data_loc if not isinstance(part, int)]
    name = names[-1] if names else "record"
    if data_loc and isinstance(data_loc[-1], int):
        return f"item {data_loc[-1] + 1} of '{name}'"
    return f"'{name}'"


def _described(info: FieldInfo | None) -> str:
    if info is None or not info.description:
        return ""
    return f"{info.description} Example: {info.examples[0]!r}" if info.examples else info.description


def schema_problems(error: ValidationError, model: type[BaseModel], data: Any, shown: str) -> list[Problem]:
    """One problem per position: union members each report an error for the same value, and
    their messages are joined into one."""
    found: dict[tuple, Problem] = {}
    for item in error.errors():
        data_loc, info, owner = walk(model, item["loc"])
        name = str(data_loc[-1]) if data_loc else "record"
        where = ".".join(map(str, data_loc))
        if item["type"] == "missing":
            line, column = position(data, data_loc)
            hint = f"add '{name}:' — {_described(info)}" if info else f"add '{name}:'"
            problem = Problem(shown, line, column, "SCHEMA-MISSING-FIELD", f"missing required field '{name}'", hint, where=where)
        elif item["type"] == "extra_forbidden":
            line, column = position(data, data_loc, key_position=True)
            allowed = sorted(owner.model_fields) if owner else []
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (f"did you mean '{close[0]}'? " if close else "") + (f"allowed here: {', '.join(allowed)}" if allowed else "")
            problem = Problem(shown, line, column, "SCHEMA-UNKNOWN-FIELD", f"unknown field '{name}'", hint, where=where)
        else:
            line, column = position(data, data_loc)
            rule = "SCHEMA-DATE" if item["type"].startswith("date") else "SCHEMA-INVALID"
            message = item["msg"]
            earlier = found.get((line, column, rule))
            if earlier is not None:
                alternative = message.removeprefix("Input should be ")
                if alternative in earlier.message:
                    continue
                message = f"{earlier.message.split(': ', 1)[1]} or {alternative}"
            problem = Problem(shown, line, column, rule, f"{_label(data_loc)}: {message}",
                              hint="see the schema reference page for this field",
                              expected=_described(info), actual=repr(item.get("input"))[:80], where=where)
        key = (problem.line, problem.column, problem.rule) if problem.rule in ("SCHEMA-INVALID", "SCHEMA-DATE") else problem
        found[key] = problem
    return list(found.values())
