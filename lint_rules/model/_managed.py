"""AWS managed policies a template names, from the data file scripts/refresh_managed_policies.py writes.

Only the policies the rules judge are kept (administrator and admin-equivalent ones, the baseline: the
policies SAM gives a function's implicit role and those AWS documents for compute agents, and the
``*FullAccess`` family's wildcards, and SecurityAudit and ViewOnlyAccess, whose actions are the metadata
reads), each with its source.
A policy not in the file is unknown: no rule judges it.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

ADMIN = "admin"
ADMIN_EQUIVALENT = "admin-equivalent"
BASELINE = "baseline"
FULL_ACCESS = "full-access"
METADATA = "metadata"
SERVICE_ROLE = "service-role"

_AWS_POLICY = re.compile(r"arn:[^:]*:iam::aws:policy/(?:[^*?]*/)?([^/*?]+)")


@dataclass(frozen=True)
class ManagedPolicy:
    name: str
    kind: str  # ADMIN, ADMIN_EQUIVALENT, BASELINE, FULL_ACCESS, METADATA or SERVICE_ROLE
    arn: str
    source: str
    document: Any = None  # every kind but FULL_ACCESS
    wildcards: tuple[str, ...] = ()  # FULL_ACCESS: the action wildcards it allows on Resource '*'
    service: str | None = None  # SERVICE_ROLE: the service principal whose own role it is


@functools.cache
def _policies() -> dict[str, ManagedPolicy]:
    text = resources.files("lint_rules.data").joinpath("aws_managed_policies.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)["policies"]
    return {
        name: ManagedPolicy(
            name=name,
            kind=str(entry["kind"]),
            arn=str(entry["arn"]),
            source=str(entry["source"]),
            document=entry.get("document"),
            wildcards=tuple(entry.get("wildcards", [])),
            service=entry.get("service"),
        )
        for name, entry in loaded.items()
    }


def aws_managed_policy(arn: str | None) -> ManagedPolicy | None:
    """The recorded AWS managed policy an ARN names (any partition, its path as recorded), or None."""
    if arn is None:
        return None
    match = _AWS_POLICY.fullmatch(arn.strip())
    found = _policies().get(match.group(1)) if match else None
    if found is None or found.arn.split(":", 5)[5] != arn.strip().split(":", 5)[5]:
        return None
    return found


def recorded(kind: str) -> list[ManagedPolicy]:
    return [policy for policy in _policies().values() if policy.kind == kind]


@functools.cache
def _metadata_patterns() -> re.Pattern[str]:
    """One expression matching every action pattern the METADATA policies allow (lower case)."""
    patterns: list[str] = []
    for policy in recorded(METADATA):
        statements = policy.document.get("Statement", []) if isinstance(policy.document, dict) else []
        for statement in statements if isinstance(statements, list) else [statements]:
            if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
                continue
            actions = statement.get("Action", [])
            for action in actions if isinstance(actions, list) else [actions]:
                patterns.append(re.escape(str(action).lower()).replace(r"\*", ".*").replace(r"\?", "."))
    return re.compile("|".join(patterns) or "(?!)")


@functools.cache
def metadata_read(action: str) -> bool:
    """Whether AWS's SecurityAudit or ViewOnlyAccess policy allows the action (``iam:GetRole``,
    ``cloudformation:DescribeStacks``): it reads configuration or metadata, not the data a resource holds."""
    return _metadata_patterns().fullmatch(action.lower()) is not None
