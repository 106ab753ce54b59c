"""The access model of a SAM template equals the model of what aws-sam-translator generates for it.

Every SAM template of ../shared/corpus and tests/sam/, and a generated template using every SAM policy
template with literal, parameter and reference arguments, is translated (offline, in process) and both
models are compared function by function: the execution role's grants, managed policies, trust and
boundary, every invoke permission, URL auth types, event source mappings, API routes, and the routes that
let anyone invoke the function (what WA1012/IA1013 report; compared also where an API has its own OpenAPI
definition, since the translated output carries it with SAM's additions) (tests/sam_fidelity.py).
A difference fails, unless ALLOWED lists it with its reason. `python tests/sam_fidelity.py` prints the
whole table.
"""

from __future__ import annotations

import json
import logging
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("samtranslator", reason="aws-sam-translator (the test extra) is not installed")

from conftest import ROOT
from sam_fidelity import Outcome, compare, default_paths, policy_template_cases, sam_templates

# (template, function, aspect) -> why the model is allowed to differ from the translator there.
ALLOWED: dict[tuple[str, str, str], str] = {
    ("urls.yaml", "ConditionalConfig", "urls"): (
        "FunctionUrlConfig wrapped in Fn::If: the translator copies no AuthType into the URL it generates "
        "(a deploy error); the model reads the auth type of each branch, which is what the author meant"
    ),
}

# The SAM transform named in the text: a cheap filter at collection (decoding tells for sure, per test).
CASES = [
    (path.name, path)
    for path in default_paths()
    if "AWS::Serverless-2016-10-31" in path.read_text(encoding="utf-8", errors="replace")
]


def _outcome(name: str, template: Any) -> Outcome:
    logging.disable(logging.WARNING)  # the translator's feature-toggle and metrics chatter
    try:
        return compare(name, template)
    finally:
        logging.disable(logging.NOTSET)


def _differences(outcome: Outcome) -> list[str]:
    return [
        f"{outcome.name} {function} {aspect}: model {ours!r} != translator {theirs!r}"
        for function, differences in outcome.functions.items()
        for aspect, (ours, theirs) in differences.items()
        if (outcome.name, function, aspect) not in ALLOWED
    ]


@pytest.mark.parametrize("path", [path for _, path in CASES], ids=[name for name, _ in CASES])
def test_model_equals_translator(path: Path) -> None:
    found = sam_templates([path])
    if not found:
        pytest.skip("not a SAM template")
    outcome = _outcome(*found[0])
    if outcome.rejected and path.parent.name == "sam":
        pytest.fail(f"the translator rejects a synthetic template: {outcome.rejected}")
    assert _differences(outcome) == []


def test_every_policy_template_with_every_kind_of_argument() -> None:
    outcome = _outcome("policy_templates", policy_template_cases())
    assert outcome.rejected is None
    assert len(outcome.functions) >= 80
    assert _differences(outcome) == []


def test_translator_is_the_version_the_data_came_from() -> None:
    version = metadata.version("aws-sam-translator")
    for name in ("sam_event_sources.json", "sam_policy_templates.json", "sam_managed_policies.json"):
        source = json.loads((ROOT / "lint_rules" / "data" / name).read_text(encoding="utf-8"))["_source"]
        assert f"aws-sam-translator {version} " in source, (name, source)


def test_allow_list_names_only_real_differences() -> None:
    """An allow-list entry whose difference is gone must be removed, so the list stays true."""
    by_template: dict[str, Path] = dict(CASES)
    for template, function, aspect in ALLOWED:
        if template not in by_template:
            continue  # the corpus is absent outside this project's CI
        outcome = _outcome(*sam_templates([by_template[template]])[0])
        assert aspect in outcome.functions.get(function, {}), (
            f"fixed, remove from ALLOWED: {template} {function} {aspect}"
        )
