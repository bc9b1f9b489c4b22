"""The field declarations of the models, read off any record: which fields name other records
(links_to), which hold citations (cites, cites_with) and which hold vocabulary terms (terms).
See mbc.schema.base.field."""

from dataclasses import dataclass
from functools import cache
from typing import Any, Iterator

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


def declared_fields(model: BaseModel, loc: tuple = ()) -> Iterator[DeclaredField]:
    """Every declared field of a model and of the models nested in it, in reading order."""
    declared = declarations(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        extra = declared.get(name)
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
