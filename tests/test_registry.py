"""Rules are declared by the module that emits them, and the schema's own examples obey the schema."""

import ast
import inspect
import re
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import TypeAdapter, ValidationError

from mbc import schema
from mbc.kinds import kinds
from mbc.rules import DECLARING_MODULES, RULES

PACKAGE = Path(schema.__file__).parent
RULE_ID = re.compile(r"^[A-Z]{2,}(-[A-Z]+)+$")


def rule_ids_in(path: Path) -> set[str]:
    """Every string in the module that has the form of a rule id (emitted or declared)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.match(node.value)}


def test_every_rule_id_in_the_code_is_declared():
    for path in sorted(PACKAGE.rglob("*.py")):
        undeclared = rule_ids_in(path) - set(RULES)
        assert not undeclared, f"{path.relative_to(PACKAGE)} uses undeclared rule ids {sorted(undeclared)}"


def test_each_module_emits_the_rules_it_declares():
    for module in DECLARING_MODULES:
        tree = ast.parse(inspect.getsource(module))
        declarations = {id(node) for call in ast.walk(tree)
                        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "Rule"
                        for node in ast.walk(call)}
        emitted = {node.value for node in ast.walk(tree) if id(node) not in declarations
                   and isinstance(node, ast.Constant) and isinstance(node.value, str) and RULE_ID.match(node.value)}
        declared = {rule.id for rule in module.RULES}
        assert declared <= emitted, f"{module.__name__} declares rules it never emits: {sorted(declared - emitted)}"


def test_no_rule_is_declared_twice():
    ids = [rule.id for module in DECLARING_MODULES for rule in module.RULES]
    assert len(ids) == len(set(ids)) == len(RULES)


def _models():
    """Every model of the schema package (each kind's module, imported by the kinds registry)."""
    kinds()
    found, todo = [], [schema.Strict]
    while todo:
        for model in todo.pop().__subclasses__():
            if model not in found:
                found.append(model)
                todo.append(model)
    return sorted(found, key=lambda model: model.__name__)


def _fields():
    for model in _models():
        for name, info in model.model_fields.items():
            yield pytest.param(model, name, info, id=f"{model.__name__}.{name}")


@pytest.mark.parametrize("model, name, info", list(_fields()))
def test_every_field_example_obeys_its_field(model, name, info):
    """The example reaches error hints, editor tooltips and the reference page: it must be valid."""
    assert info.examples, f"{model.__name__}.{name} has no example"
    annotation = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    try:
        TypeAdapter(annotation).validate_python(info.examples[0], strict=True)
    except ValidationError as error:
        pytest.fail(f"{model.__name__}.{name}: the example {info.examples[0]!r} breaks the field's rules:\n{error}")
