"""AWS managed policies a template names, from the data file scripts/refresh_managed_policies.py writes.

Only the policies the rules judge are kept (administrator and admin-equivalent ones, the baseline: the
policies SAM gives a function's implicit role and those AWS documents for compute agents, and the
``*FullAccess`` family's wildcards), each with its source.
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

_AWS_POLICY = re.compile(r"arn:[^:]*:iam::aws:policy/(?:[^*?]*/)?([^/*?]+)")


@dataclass(frozen=True)
class ManagedPolicy:
    name: str
    kind: str  # ADMIN, ADMIN_EQUIVALENT, BASELINE or FULL_ACCESS
    arn: str
    source: str
    document: Any = None  # every kind but FULL_ACCESS
    wildcards: tuple[str, ...] = ()  # FULL_ACCESS: the action wildcards it allows on Resource '*'


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
