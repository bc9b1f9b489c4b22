"""The field declarations of the models, read off any record: which fields name other records
(links_to), which hold citations (cites, cites_with) and which hold vocabulary terms (terms).
See mbc.schema.base.field."""

from dataclasses import dataclass
from functools import cache
from typing import Any, Iterator, get_args

from pydantic import BaseModel


@dataclass(frozen=True)
class DeclaredField:
    loc: tuple  # where in the record, for error positions
    owner: BaseModel  # the model instance that holds the field
    name: str
    value: Any
    links_to: str | None
    cites: str | None  # "required", "optional" or None
    cites_with: str | None
    terms: str | None  # the vocabulary section the field's term ids belong to

    def describe(self) -> str:
        """How messages name the place: 'mechanism', or 'source' of the results entry 'primary-pfs'."""
        if len(self.loc) < 3:
            return f"'{self.name}'"
        ident = getattr(self.owner, "id", None)
        item = f"'{ident}'" if isinstance(ident, str) else f"number {self.loc[-2] + 1}"
        return f"'{self.name}' of the {self.loc[-3]} entry {item}"


@cache  # a class's declarations never change; asked for every model of every record
def declarations(model_class: type[BaseModel]) -> dict[str, dict]:
    """Field name -> its declarations (x-links-to, x-cites, x-cites-with, x-terms), for fields that have any."""
    return {name: info.json_schema_extra for name, info in model_class.model_fields.items()
            if isinstance(info.json_schema_extra, dict)}


@cache
def _visited(model_class: type[BaseModel]) -> tuple[tuple[str, dict | None], ...]:
    """The fields declared_fields must look at, in order: those declared and those that may hold
    models. The others (plain text, numbers, dates) are most of a record: skipping them is most of
    the speed of every check that reads declarations."""
    declared = declarations(model_class)
    return tuple((name, declared.get(name)) for name, info in model_class.model_fields.items()
                 if name in declared or _may_hold_models(info.annotation))


def _may_hold_models(annotation) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_models(argument) for argument in get_args(annotation))


def declared_fields(model: BaseModel, loc: tuple = ()) -> Iterator[DeclaredField]:
    """Every declared field of a model and of the models nested in it, in reading order."""
    for name, extra in _visited(type(model)):
        value = getattr(model, name)
        if extra:
            yield DeclaredField(loc + (name,), model, name, value, extra.get("x-links-to"), extra.get("x-cites"),
                                extra.get("x-cites-with"), extra.get("x-terms"))
        if isinstance(value, BaseModel):
            yield from declared_fields(value, loc + (name,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from declared_fields(item, loc + (name, i))


def record_links(model: BaseModel) -> list[tuple[tuple, str, str]]:
    """(loc, kind, id) for every other record a record names."""
    links = []
    for declared in declared_fields(model):
        if declared.links_to is None or declared.value is None:
            continue
        if isinstance(declared.value, list):
            links += [(declared.loc + (i,), declared.links_to, value) for i, value in enumerate(declared.value)]
        else:
            links.append((declared.loc, declared.links_to, declared.value))
    return links


def record_terms(model: BaseModel) -> list[tuple[tuple, str, str]]:
    """(loc, vocabulary section, term id) for every vocabulary term a record uses."""
    terms = []
    for declared in declared_fields(model):
        if declared.terms is None or declared.value is None:
            continue
        values = declared.value if isinstance(declared.value, list) else [declared.value]
        locs = [declared.loc + (i,) for i in range(len(values))] if isinstance(declared.value, list) else [declared.loc]
        terms += [(loc, declared.terms, value) for loc, value in zip(locs, values)]
    return terms
