"""Mutational fuzzing from real templates: the model and every rule of this plugin take any mutant.

Random JSON rarely reaches the model's deep paths (a SAM event's destination, a policy template's
arguments, a Lambda authorizer). These properties start from real templates, the fixtures and the
corpus, and mutate them: delete a key, swap a value's type, wrap a value in Fn::If / Fn::Sub / a Ref
to a parameter or to nothing, null a value out, duplicate a list item. The model must build without
an exception and, as long as every resource stays well-formed (a mapping with a string Type), with no
load failure; every rule of the plugin must run on a real cfn-lint Template of the mutant.

The number of examples comes from the hypothesis profile (tests/conftest.py): `ci` by default, `deep`
with HYPOTHESIS_PROFILE=deep (20,000 examples per property).
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode_str
from cfnlint.template import Template
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import lint_rules
from conftest import CORPUS, FIXTURES
from lint_rules.model import build

pytestmark = pytest.mark.slow

_RELEVANT = ("AWS::Serverless::", "AWS::Lambda::", "AWS::IAM::", "AWS::ApiGateway::Method")


@functools.cache
def _seed_paths() -> tuple[Path, ...]:
    fixtures = sorted(p for p in FIXTURES.glob("*/*") if p.suffix in (".yaml", ".json"))
    corpus = sorted((CORPUS / "templates").glob("*")) if CORPUS.is_dir() else []
    relevant = [p for p in corpus if any(kind in p.read_text(encoding="utf-8", errors="replace") for kind in _RELEVANT)]
    return tuple(fixtures + relevant)


@functools.cache
def _seed(index: int) -> Any:
    template, errors = decode_str(_seed_paths()[index].read_text(encoding="utf-8"))
    return template if not errors and isinstance(template, dict) else None


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value under Resources (the part of a template the model reads)."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_nodes(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_nodes(value, (*path, index)))
    return found


_OTHER_TYPES = [None, True, 42, "text", "*", [], ["*"], {}, {"Key": "Value"}]


def _mutate(template: dict[str, Any], path: tuple[Any, ...], operation: str, other: Any) -> None:
    *parent_path, last = path
    parent: Any = template
    for step in parent_path:
        parent = parent[step]
    value = parent[last]
    if operation == "delete":
        if isinstance(parent, dict):
            del parent[last]
        else:
            parent.pop(last)
        return
    if operation == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(value))
        return
    parent[last] = {
        "swap": other,
        "null": None,
        "if": {"Fn::If": ["Cond", value, {"Ref": "AWS::NoValue"}]},
        "if-reversed": {"Fn::If": ["Cond", {"Ref": "AWS::NoValue"}, value]},
        "sub": {"Fn::Sub": [value if isinstance(value, str) else "${Param}", {"Var": {"Ref": "Param"}}]},
        "ref-parameter": {"Ref": "Param"},
        "ref-nothing": {"Ref": "AWS::NoValue"},
        "ref-missing": {"Ref": "Missing"},
        "duplicate": value,
    }[operation]


_OPERATIONS = st.sampled_from(
    ["delete", "swap", "null", "if", "if-reversed", "sub", "ref-parameter", "ref-nothing", "ref-missing", "duplicate"]
)
MUTANTS = st.tuples(
    st.integers(min_value=0),
    st.lists(st.tuples(st.integers(min_value=0), _OPERATIONS, st.sampled_from(_OTHER_TYPES)), min_size=1, max_size=4),
)


def _mutant(seed: int, mutations: list[tuple[int, str, Any]]) -> dict[str, Any]:
    original = _seed(seed % len(_seed_paths()))
    assume(original is not None)
    template: dict[str, Any] = copy.deepcopy(original)
    template.setdefault("Parameters", {})["Param"] = {"Type": "String", "Default": "*"}
    template.setdefault("Conditions", {})["Cond"] = {"Fn::Equals": ["a", "b"]}
    for position, operation, other in mutations:
        resources = template.get("Resources")
        paths = _nodes(resources, ("Resources",))[1:] if isinstance(resources, dict) else []
        if not paths:
            break
        _mutate(template, paths[position % len(paths)], operation, copy.deepcopy(other))
    return template


def _well_formed(template: dict[str, Any]) -> bool:
    resources = template.get("Resources")
    return isinstance(resources, dict) and all(
        isinstance(r, dict) and isinstance(r.get("Type"), str) for r in resources.values()
    )


_RULES = [getattr(lint_rules, name)() for name in lint_rules.__all__]


@given(mutant=MUTANTS)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_model_builds_on_any_mutant(mutant: tuple[int, list[tuple[int, str, Any]]]) -> None:
    template = _mutant(*mutant)
    model = build(template)
    if _well_formed(template):
        assert model.load_failures == []
    for function in model.functions:
        model.exposure(function)
        model.execution_role(function)
    for identity in model.identities:
        model.grants(identity)
    for document in model.documents:
        document.errors  # noqa: B018  # validation is lazy: force it


@given(mutant=MUTANTS)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_rules_run_on_any_mutant(mutant: tuple[int, list[tuple[int, str, Any]]]) -> None:
    template = _mutant(*mutant)
    try:
        cfn = Template(None, template, ["us-east-1"])
    except Exception:  # cfn-lint's own graph/conditions on a broken template: not this plugin's concern
        assume(False)
    for rule in _RULES:
        for match in rule.match(cfn):
            assert match.message and "\n" not in match.message
